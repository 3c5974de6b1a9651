-- Issue 3, the bureau's county-wide counts: running counts per (post, item, band), and on each case the band it is
-- counted in with the interval that band holds for. Existing cases start counted nowhere, green until their
-- attention instant, and the counts empty: that is consistent, the bureau query corrects for every case whose
-- interval has passed (exact from the start), and the timer sweeper's band sweep counts them in its first rounds.
ALTER TABLE "cases" ADD COLUMN "CountedBand" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "cases" ADD COLUMN "CountedFrom" INTEGER NULL;
ALTER TABLE "cases" ADD COLUMN "CountedUntil" INTEGER NULL;
UPDATE "cases" SET "CountedUntil" = "AttentionAt" WHERE "AttentionAt" IS NOT NULL;
CREATE TABLE "bureau_counts" (
    "PostId" TEXT NOT NULL,
    "ItemCode" TEXT NOT NULL,
    "Band" INTEGER NOT NULL,
    "Cases" INTEGER NOT NULL,
    CONSTRAINT "PK_bureau_counts" PRIMARY KEY ("PostId", "ItemCode", "Band")
);
CREATE INDEX "IX_cases_CountedFrom" ON "cases" ("CountedFrom");
CREATE INDEX "IX_cases_CountedUntil" ON "cases" ("CountedUntil");
