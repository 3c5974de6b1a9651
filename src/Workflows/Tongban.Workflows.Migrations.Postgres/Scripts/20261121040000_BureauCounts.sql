-- Issue 3, the bureau's county-wide counts: running counts per (post, item, band), and on each case the band it is
-- counted in with the interval that band holds for. Existing cases start counted nowhere, green until their
-- attention instant, and the counts empty: that is consistent, the bureau query corrects for every case whose
-- interval has passed (exact from the start), and the timer sweeper's band sweep counts them in its first rounds.
ALTER TABLE cases ADD COLUMN "CountedBand" integer NOT NULL DEFAULT 0;
ALTER TABLE cases ALTER COLUMN "CountedBand" DROP DEFAULT;
ALTER TABLE cases ADD COLUMN "CountedFrom" timestamp with time zone;
ALTER TABLE cases ADD COLUMN "CountedUntil" timestamp with time zone;
UPDATE cases SET "CountedUntil" = "AttentionAt" WHERE "AttentionAt" IS NOT NULL;
CREATE TABLE bureau_counts (
    "PostId" character varying(60) NOT NULL,
    "ItemCode" character varying(40) NOT NULL,
    "Band" integer NOT NULL,
    "Cases" integer NOT NULL,
    CONSTRAINT "PK_bureau_counts" PRIMARY KEY ("PostId", "ItemCode", "Band")
);
CREATE INDEX "IX_cases_CountedFrom" ON cases ("CountedFrom");
CREATE INDEX "IX_cases_CountedUntil" ON cases ("CountedUntil");
