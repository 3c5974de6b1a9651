-- The resident's side (issue 14): milestone notices in a notification outbox, staged with the milestone and sent
-- by a relay; a resident may opt out at intake. Existing cases are not opted out (temporary default, dropped).
ALTER TABLE [cases] ADD [NoticesOptedOut] bit NOT NULL CONSTRAINT [DF_cases_NoticesOptedOut] DEFAULT CAST(0 AS bit);
ALTER TABLE [cases] DROP CONSTRAINT [DF_cases_NoticesOptedOut];
CREATE TABLE [resident_notices] (
    [Id] uniqueidentifier NOT NULL,
    [CaseId] uniqueidentifier NOT NULL,
    [Sequence] int NOT NULL,
    [Milestone] nvarchar(30) NOT NULL,
    [CommunityId] nvarchar(40) NOT NULL,
    [Phone] nvarchar(20) NOT NULL,
    [Text] nvarchar(1000) NOT NULL,
    [Parameters] nvarchar(2000) NOT NULL,
    [CreatedAt] datetimeoffset NOT NULL,
    [Status] nvarchar(20) NOT NULL,
    [Attempts] int NOT NULL,
    [NextAttemptAt] datetimeoffset NOT NULL,
    [LeaseUntil] datetimeoffset NULL,
    [SentAt] datetimeoffset NULL,
    [Channel] nvarchar(20) NULL,
    [DeliveryStatus] nvarchar(200) NULL,
    [LastError] nvarchar(500) NULL,
    CONSTRAINT [PK_resident_notices] PRIMARY KEY ([Id])
);
CREATE UNIQUE INDEX [IX_resident_notices_CaseId_Sequence_Milestone] ON [resident_notices] ([CaseId], [Sequence], [Milestone]);
CREATE INDEX [IX_resident_notices_CommunityId_CreatedAt] ON [resident_notices] ([CommunityId], [CreatedAt]);
CREATE INDEX [IX_resident_notices_Status_NextAttemptAt] ON [resident_notices] ([Status], [NextAttemptAt]);
