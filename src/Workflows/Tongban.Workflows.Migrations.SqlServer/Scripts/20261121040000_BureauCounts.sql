-- Issue 3, the bureau's county-wide counts: running counts per (post, item, band), and on each case the band it is
-- counted in with the interval that band holds for. Existing cases start counted nowhere, green until their
-- attention instant, and the counts empty: that is consistent, the bureau query corrects for every case whose
-- interval has passed (exact from the start), and the timer sweeper's band sweep counts them in its first rounds.
ALTER TABLE [cases] ADD [CountedBand] int NOT NULL CONSTRAINT [DF_cases_CountedBand] DEFAULT 0;
ALTER TABLE [cases] DROP CONSTRAINT [DF_cases_CountedBand];
ALTER TABLE [cases] ADD [CountedFrom] datetimeoffset NULL;
ALTER TABLE [cases] ADD [CountedUntil] datetimeoffset NULL;
-- A column added in this script: a statement using it is compiled only when it runs (EXEC).
EXEC(N'UPDATE [cases] SET [CountedUntil] = [AttentionAt] WHERE [AttentionAt] IS NOT NULL');
CREATE TABLE [bureau_counts] (
    [PostId] nvarchar(60) NOT NULL,
    [ItemCode] nvarchar(40) NOT NULL,
    [Band] int NOT NULL,
    [Cases] int NOT NULL,
    CONSTRAINT [PK_bureau_counts] PRIMARY KEY ([PostId], [ItemCode], [Band])
);
CREATE INDEX [IX_cases_CountedFrom] ON [cases] ([CountedFrom]);
CREATE INDEX [IX_cases_CountedUntil] ON [cases] ([CountedUntil]);
