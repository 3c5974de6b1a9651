-- The engine's first tables (SQL Server: T-SQL mirror of the PostgreSQL and SQLite scripts of the same id).
-- Each script runs as one batch (EF's generated script puts a migration in one batch, without GO).

CREATE TABLE [cases] (
    [Id] uniqueidentifier NOT NULL,
    [Number] nvarchar(32) NOT NULL,
    [ItemVersionId] uniqueidentifier NOT NULL,
    [ItemCode] nvarchar(40) NOT NULL,
    [ItemVersion] int NOT NULL,
    [DefinitionId] nvarchar(60) NOT NULL,
    [State] nvarchar(40) NOT NULL,
    [Mode] nvarchar(20) NOT NULL,
    [IntakeCommunityId] nvarchar(40) NOT NULL,
    [RegistrationTownshipId] nvarchar(40) NOT NULL,
    [CurrentPostId] nvarchar(60) NULL,
    [ApplicantName] nvarchar(100) NOT NULL,
    [ApplicantIdNumber] nvarchar(18) NOT NULL,
    [ApplicantPhone] nvarchar(20) NOT NULL,
    [MaterialsHandedIn] nvarchar(max) NOT NULL,
    [MissingMaterials] nvarchar(max) NOT NULL,
    [CorrectionRounds] int NOT NULL,
    [Approved] bit NULL,
    [DecisionText] nvarchar(2000) NULL,
    [DeliveryMethod] nvarchar(20) NULL,
    [EvaluationLevel] int NULL,
    [FirstContactStaffId] nvarchar(60) NOT NULL,
    [OpenedAt] datetimeoffset NOT NULL,
    [UpdatedAt] datetimeoffset NOT NULL,
    [ClosedAt] datetimeoffset NULL,
    [TraceParent] nvarchar(100) NULL,
    [Version] int NOT NULL,
    CONSTRAINT [PK_cases] PRIMARY KEY ([Id])
);

CREATE TABLE [data_protection_keys] (
    [Id] int NOT NULL IDENTITY,
    [FriendlyName] nvarchar(100) NULL,
    [Xml] nvarchar(max) NOT NULL,
    CONSTRAINT [PK_data_protection_keys] PRIMARY KEY ([Id])
);

CREATE TABLE [inbox] (
    [MessageId] uniqueidentifier NOT NULL,
    [Consumer] nvarchar(100) NOT NULL,
    [ProcessedAt] datetimeoffset NOT NULL,
    CONSTRAINT [PK_inbox] PRIMARY KEY ([MessageId], [Consumer])
);

CREATE TABLE [item_versions] (
    [Id] uniqueidentifier NOT NULL,
    [Code] nvarchar(40) NOT NULL,
    [Version] int NOT NULL,
    [Name] nvarchar(100) NOT NULL,
    [PinyinInitials] nvarchar(40) NOT NULL,
    [IsCurrent] bit NOT NULL,
    [ContentHash] nvarchar(64) NOT NULL,
    [Spec] nvarchar(max) NOT NULL,
    [DefinitionId] nvarchar(60) NOT NULL,
    [Definition] nvarchar(max) NOT NULL,
    [ImportedAt] datetimeoffset NOT NULL,
    CONSTRAINT [PK_item_versions] PRIMARY KEY ([Id])
);

CREATE TABLE [jurisdictions] (
    [Id] nvarchar(40) NOT NULL,
    [Name] nvarchar(100) NOT NULL,
    [Kind] nvarchar(20) NOT NULL,
    [ParentId] nvarchar(40) NULL,
    [Code] nvarchar(20) NOT NULL,
    CONSTRAINT [PK_jurisdictions] PRIMARY KEY ([Id])
);

CREATE TABLE [monitored_cases] (
    [CaseId] uniqueidentifier NOT NULL,
    [CaseNumber] nvarchar(32) NOT NULL,
    [ItemCode] nvarchar(40) NOT NULL,
    [State] nvarchar(40) NOT NULL,
    [HolderPostId] nvarchar(60) NULL,
    [IntakeCommunityId] nvarchar(40) NOT NULL,
    [RegistrationTownshipId] nvarchar(40) NOT NULL,
    [LastSequence] int NOT NULL,
    [LastTransitionAt] datetimeoffset NOT NULL,
    [Transitions] int NOT NULL,
    CONSTRAINT [PK_monitored_cases] PRIMARY KEY ([CaseId])
);

CREATE TABLE [outbox] (
    [Sequence] bigint NOT NULL IDENTITY,
    [MessageId] uniqueidentifier NOT NULL,
    [MessageType] nvarchar(200) NOT NULL,
    [Destination] nvarchar(200) NULL,
    [Body] nvarchar(max) NOT NULL,
    [TraceParent] nvarchar(100) NULL,
    [CreatedAt] datetimeoffset NOT NULL,
    [LockedBy] uniqueidentifier NULL,
    [LockedUntil] datetimeoffset NULL,
    [DispatchedAt] datetimeoffset NULL,
    [Attempts] int NOT NULL,
    CONSTRAINT [PK_outbox] PRIMARY KEY ([Sequence])
);

CREATE TABLE [posts] (
    [Id] nvarchar(60) NOT NULL,
    [JurisdictionId] nvarchar(40) NOT NULL,
    [Role] nvarchar(30) NOT NULL,
    [Name] nvarchar(100) NOT NULL,
    [PrimaryHolderId] nvarchar(60) NOT NULL,
    [BackupHolderId] nvarchar(60) NOT NULL,
    [UnitHeadId] nvarchar(60) NOT NULL,
    CONSTRAINT [PK_posts] PRIMARY KEY ([Id])
);

CREATE TABLE [staff] (
    [Id] nvarchar(60) NOT NULL,
    [DisplayName] nvarchar(100) NOT NULL,
    [PasswordHash] nvarchar(200) NOT NULL,
    [Roles] nvarchar(max) NOT NULL,
    CONSTRAINT [PK_staff] PRIMARY KEY ([Id])
);

CREATE TABLE [case_history] (
    [Id] uniqueidentifier NOT NULL,
    [CaseId] uniqueidentifier NOT NULL,
    [Sequence] int NOT NULL,
    [Action] nvarchar(30) NOT NULL,
    [FromState] nvarchar(40) NOT NULL,
    [ToState] nvarchar(40) NOT NULL,
    [ActorId] nvarchar(80) NOT NULL,
    [ActorName] nvarchar(100) NOT NULL,
    [PostId] nvarchar(60) NOT NULL,
    [JurisdictionId] nvarchar(40) NOT NULL,
    [At] datetimeoffset NOT NULL,
    [Detail] nvarchar(max) NULL,
    [MessageId] uniqueidentifier NULL,
    CONSTRAINT [PK_case_history] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_case_history_cases_CaseId] FOREIGN KEY ([CaseId]) REFERENCES [cases] ([Id]) ON DELETE CASCADE
);

CREATE UNIQUE INDEX [IX_case_history_CaseId_Sequence] ON [case_history] ([CaseId], [Sequence]);

CREATE INDEX [IX_cases_CurrentPostId] ON [cases] ([CurrentPostId]);

CREATE INDEX [IX_cases_FirstContactStaffId] ON [cases] ([FirstContactStaffId]);

CREATE UNIQUE INDEX [IX_cases_Number] ON [cases] ([Number]);

CREATE INDEX [IX_inbox_ProcessedAt] ON [inbox] ([ProcessedAt]);

CREATE UNIQUE INDEX [IX_item_versions_Code_Version] ON [item_versions] ([Code], [Version]);

CREATE INDEX [IX_monitored_cases_RegistrationTownshipId_State] ON [monitored_cases] ([RegistrationTownshipId], [State]);

CREATE INDEX [IX_outbox_DispatchedAt_Sequence] ON [outbox] ([DispatchedAt], [Sequence]);

CREATE UNIQUE INDEX [IX_outbox_MessageId] ON [outbox] ([MessageId]);

CREATE INDEX [IX_posts_BackupHolderId] ON [posts] ([BackupHolderId]);

CREATE INDEX [IX_posts_PrimaryHolderId] ON [posts] ([PrimaryHolderId]);
