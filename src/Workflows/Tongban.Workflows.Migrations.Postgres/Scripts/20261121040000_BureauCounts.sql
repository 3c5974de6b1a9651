-- Issue 3, the bureau's county-wide counts: running counts per (post, item, band) and the band each case is counted in.
-- Existing cases start counted nowhere (band 0) and the counts empty: the bureau query corrects for every case
-- whose band differs from its band now, so it is exact from the start, and the timer sweeper's band sweep brings
-- the counts up to date in its first rounds.
ALTER TABLE cases ADD COLUMN "CountedBand" integer NOT NULL DEFAULT 0;
ALTER TABLE cases ALTER COLUMN "CountedBand" DROP DEFAULT;
CREATE TABLE bureau_counts (
    "PostId" character varying(60) NOT NULL,
    "ItemCode" character varying(40) NOT NULL,
    "Band" integer NOT NULL,
    "Cases" integer NOT NULL,
    CONSTRAINT "PK_bureau_counts" PRIMARY KEY ("PostId", "ItemCode", "Band")
);
CREATE INDEX "IX_cases_CountedBand_AttentionAt" ON cases ("CountedBand", "AttentionAt");
CREATE INDEX "IX_cases_CountedBand_EarliestDueAt" ON cases ("CountedBand", "EarliestDueAt");
