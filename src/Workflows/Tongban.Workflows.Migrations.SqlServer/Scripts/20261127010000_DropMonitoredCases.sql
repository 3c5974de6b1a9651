-- Issue 10: monitored_cases was fed by CaseTransitioned events and read by nothing; its consumer is gone.
-- Its index goes with the table.
DROP TABLE [monitored_cases];
-- CaseTransitioned is no longer published: it was monitored_cases' only feed. The relay knows only the message
-- types that exist, and a row it cannot read would stop its round, so the event's rows go as well.
DELETE FROM [outbox] WHERE [MessageType] = N'Tongban.Contracts.CaseTransitioned';
