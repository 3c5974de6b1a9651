-- Issue 3, timer sweep: the sweeper's index holds unfired timers only, in due order (a filtered index, as the
-- partial index on PostgreSQL and SQLite).
DROP INDEX [IX_case_timers_FiredAt_DueAt] ON [case_timers];
CREATE INDEX [IX_case_timers_DueAt] ON [case_timers] ([DueAt]) WHERE [FiredAt] IS NULL;
