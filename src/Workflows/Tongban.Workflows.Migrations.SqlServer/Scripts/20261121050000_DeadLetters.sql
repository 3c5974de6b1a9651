-- Dead letters (issue 6): hand-offs that failed after every retry, recorded from MassTransit's Fault<HandOffCase>
-- for the bureau and the administrator to see and replay.
CREATE TABLE [dead_letters] (
    [Id] uniqueidentifier NOT NULL,
    [MessageId] uniqueidentifier NOT NULL,
    [MessageType] nvarchar(200) NOT NULL,
    [DestinationQueue] nvarchar(200) NOT NULL,
    [Body] nvarchar(max) NOT NULL,
    [CaseId] uniqueidentifier NOT NULL,
    [ExceptionType] nvarchar(200) NOT NULL,
    [ExceptionMessage] nvarchar(1000) NOT NULL,
    [FaultedAt] datetimeoffset NOT NULL,
    [FaultedOn] nvarchar(200) NOT NULL,
    [FaultCount] int NOT NULL,
    [Status] nvarchar(20) NOT NULL,
    [ReplayedAt] datetimeoffset NULL,
    [ReplayedBy] nvarchar(60) NULL,
    [ReplayCount] int NOT NULL,
    [Version] int NOT NULL,
    CONSTRAINT [PK_dead_letters] PRIMARY KEY ([Id])
);
CREATE INDEX [IX_dead_letters_CaseId] ON [dead_letters] ([CaseId]);
CREATE UNIQUE INDEX [IX_dead_letters_MessageId] ON [dead_letters] ([MessageId]);
CREATE INDEX [IX_dead_letters_Status_FaultedAt] ON [dead_letters] ([Status], [FaultedAt]);
