-- Issue 3, timer sweep: PostgreSQL cannot read ORDER BY "DueAt" off ("FiredAt", "DueAt") under "FiredAt" IS NULL,
-- so every claim sorted all due timers; a partial index is in due order and drops timers as they fire.
DROP INDEX "IX_case_timers_FiredAt_DueAt";
CREATE INDEX "IX_case_timers_DueAt" ON case_timers ("DueAt") WHERE "FiredAt" IS NULL;
