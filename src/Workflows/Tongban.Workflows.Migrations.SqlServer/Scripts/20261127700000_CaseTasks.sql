-- Routes as data (issue 12): tasks of assisting branches (并联办理) beside the case's own state, and the end of a
-- timer node's wait (公示) on the case.
ALTER TABLE [cases] ADD [WaitUntil] datetimeoffset NULL;
CREATE TABLE [case_tasks] (
    [Id] uniqueidentifier NOT NULL,
    [CaseId] uniqueidentifier NOT NULL,
    [Fork] nvarchar(40) NOT NULL,
    [Node] nvarchar(40) NOT NULL,
    [Participant] nvarchar(60) NOT NULL,
    [Role] nvarchar(30) NOT NULL,
    [JurisdictionId] nvarchar(40) NOT NULL,
    [PostId] nvarchar(60) NULL,
    [Status] nvarchar(20) NOT NULL,
    [OpenedAt] datetimeoffset NOT NULL,
    [ReceivedAt] datetimeoffset NULL,
    [StageLimitDays] int NULL,
    [DueAt] datetimeoffset NULL,
    [YellowAt] datetimeoffset NULL,
    [CompletedAt] datetimeoffset NULL,
    [CompletedBy] nvarchar(60) NULL,
    [Agrees] bit NULL,
    [Opinion] nvarchar(500) NULL,
    CONSTRAINT [PK_case_tasks] PRIMARY KEY ([Id])
);
CREATE UNIQUE INDEX [IX_case_tasks_CaseId_Node] ON [case_tasks] ([CaseId], [Node]);
CREATE INDEX [IX_case_tasks_PostId_Status] ON [case_tasks] ([PostId], [Status]);
