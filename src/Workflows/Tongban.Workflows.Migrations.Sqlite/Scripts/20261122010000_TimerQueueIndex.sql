-- Issue 3, timer sweep: the sweeper's index holds unfired timers only, in due order (as on PostgreSQL).
DROP INDEX "IX_case_timers_FiredAt_DueAt";
CREATE INDEX "IX_case_timers_DueAt" ON "case_timers" ("DueAt") WHERE "FiredAt" IS NULL;
