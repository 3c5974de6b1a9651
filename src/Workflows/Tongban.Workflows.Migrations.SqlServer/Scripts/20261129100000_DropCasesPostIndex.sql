-- Every lookup of cases by post (the work queue, the holder's list) is served by IX_cases_CurrentPostId_EarliestDueAt,
-- whose first column this index repeats; every step moves a case between posts and paid for both (issue 13).
DROP INDEX [IX_cases_CurrentPostId] ON [cases];
