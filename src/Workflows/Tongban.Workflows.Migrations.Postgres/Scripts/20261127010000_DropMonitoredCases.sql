-- Issue 10: monitored_cases was fed by CaseTransitioned events and read by nothing; its consumer is gone.
-- Its index goes with the table.
DROP TABLE monitored_cases;
