-- A notice relay claims a batch of due notices in one conditional UPDATE and knows which are its own by this id
-- (issue 13: five relays fighting row by row for the same notices were a fifth of each node's CPU).
ALTER TABLE [resident_notices] ADD [LeasedBy] uniqueidentifier NULL;
