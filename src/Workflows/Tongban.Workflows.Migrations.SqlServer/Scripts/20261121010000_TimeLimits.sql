-- Issue 3, time limits: case clocks, working-day calendars, durable timers, reminders, supervision, extensions.
ALTER TABLE [cases] ADD [OverallLimitDays] int NOT NULL CONSTRAINT [DF_cases_OverallLimitDays] DEFAULT 0;
ALTER TABLE [cases] ADD [OverallStartedAt] datetimeoffset NULL;
ALTER TABLE [cases] ADD [PlannedOverallDays] int NOT NULL CONSTRAINT [DF_cases_PlannedOverallDays] DEFAULT 0;
ALTER TABLE [cases] ADD [OverallDueAt] datetimeoffset NULL;
ALTER TABLE [cases] ADD [OverallYellowAt] datetimeoffset NULL;
ALTER TABLE [cases] ADD [OverallProvisional] bit NOT NULL CONSTRAINT [DF_cases_OverallProvisional] DEFAULT CAST(0 AS bit);
ALTER TABLE [cases] ADD [ClockStoppedAt] datetimeoffset NULL;
ALTER TABLE [cases] ADD [ClockStopReason] nvarchar(200) NULL;
ALTER TABLE [cases] ADD [OwedWorkingDays] int NULL;
ALTER TABLE [cases] ADD [ExtensionDays] int NOT NULL CONSTRAINT [DF_cases_ExtensionDays] DEFAULT 0;
ALTER TABLE [cases] ADD [OverdueAt] datetimeoffset NULL;
ALTER TABLE [cases] ADD [CompletedAt] datetimeoffset NULL;
ALTER TABLE [cases] ADD [Stage] nvarchar(30) NULL;
ALTER TABLE [cases] ADD [StageStartedAt] datetimeoffset NULL;
ALTER TABLE [cases] ADD [StageLimitDays] int NULL;
ALTER TABLE [cases] ADD [StageDueAt] datetimeoffset NULL;
ALTER TABLE [cases] ADD [StageYellowAt] datetimeoffset NULL;
ALTER TABLE [cases] ADD [StageProvisional] bit NOT NULL CONSTRAINT [DF_cases_StageProvisional] DEFAULT CAST(0 AS bit);
ALTER TABLE [cases] ADD [DeferredMaterials] nvarchar(max) NOT NULL CONSTRAINT [DF_cases_DeferredMaterials] DEFAULT N'[]';
ALTER TABLE [cases] ADD [PromiseDueAt] datetimeoffset NULL;
ALTER TABLE [cases] ADD [AttentionAt] datetimeoffset NULL;
ALTER TABLE [cases] ADD [EarliestDueAt] datetimeoffset NULL;
ALTER TABLE [cases] DROP CONSTRAINT [DF_cases_OverallLimitDays];
ALTER TABLE [cases] DROP CONSTRAINT [DF_cases_PlannedOverallDays];
ALTER TABLE [cases] DROP CONSTRAINT [DF_cases_OverallProvisional];
ALTER TABLE [cases] DROP CONSTRAINT [DF_cases_ExtensionDays];
ALTER TABLE [cases] DROP CONSTRAINT [DF_cases_StageProvisional];
ALTER TABLE [cases] DROP CONSTRAINT [DF_cases_DeferredMaterials];
CREATE TABLE [case_timers] (
    [Id] uniqueidentifier NOT NULL,
    [CaseId] uniqueidentifier NOT NULL,
    [Kind] nvarchar(30) NOT NULL,
    [Scope] nvarchar(30) NOT NULL,
    [DueAt] datetimeoffset NOT NULL,
    [CreatedAt] datetimeoffset NOT NULL,
    [FiredAt] datetimeoffset NULL,
    [LockedBy] uniqueidentifier NULL,
    [LockedUntil] datetimeoffset NULL,
    [SupervisionItemId] uniqueidentifier NULL,
    [Version] int NOT NULL,
    CONSTRAINT [PK_case_timers] PRIMARY KEY ([Id])
);
CREATE TABLE [extension_requests] (
    [Id] uniqueidentifier NOT NULL,
    [CaseId] uniqueidentifier NOT NULL,
    [WorkingDays] int NOT NULL,
    [Reason] nvarchar(500) NOT NULL,
    [RequestedBy] nvarchar(60) NOT NULL,
    [PostId] nvarchar(60) NOT NULL,
    [RequestedAt] datetimeoffset NOT NULL,
    [RequestedAfterExpiry] bit NOT NULL,
    [Status] nvarchar(20) NOT NULL,
    [DecidedBy] nvarchar(60) NULL,
    [DecidedAt] datetimeoffset NULL,
    [DecisionNote] nvarchar(500) NULL,
    CONSTRAINT [PK_extension_requests] PRIMARY KEY ([Id])
);
CREATE TABLE [holiday_schedules] (
    [Year] int NOT NULL,
    [Json] nvarchar(max) NOT NULL,
    [Source] nvarchar(300) NULL,
    [LoadedAt] datetimeoffset NOT NULL,
    [LoadedBy] nvarchar(60) NOT NULL,
    CONSTRAINT [PK_holiday_schedules] PRIMARY KEY ([Year])
);
CREATE TABLE [notifications] (
    [Id] uniqueidentifier NOT NULL,
    [CaseId] uniqueidentifier NOT NULL,
    [RecipientPostId] nvarchar(60) NULL,
    [RecipientStaffId] nvarchar(60) NULL,
    [Kind] nvarchar(40) NOT NULL,
    [Text] nvarchar(500) NOT NULL,
    [CreatedAt] datetimeoffset NOT NULL,
    [ReadAt] datetimeoffset NULL,
    CONSTRAINT [PK_notifications] PRIMARY KEY ([Id])
);
CREATE TABLE [reminders] (
    [Id] uniqueidentifier NOT NULL,
    [TimerId] uniqueidentifier NOT NULL,
    [CaseId] uniqueidentifier NOT NULL,
    [Scope] nvarchar(30) NOT NULL,
    [PostId] nvarchar(60) NOT NULL,
    [JurisdictionId] nvarchar(40) NOT NULL,
    [HolderStaffId] nvarchar(60) NOT NULL,
    [SentAt] datetimeoffset NOT NULL,
    [DueAt] datetimeoffset NOT NULL,
    CONSTRAINT [PK_reminders] PRIMARY KEY ([Id])
);
CREATE TABLE [supervision_items] (
    [Id] uniqueidentifier NOT NULL,
    [TimerId] uniqueidentifier NOT NULL,
    [CaseId] uniqueidentifier NOT NULL,
    [CaseNumber] nvarchar(32) NOT NULL,
    [ItemCode] nvarchar(40) NOT NULL,
    [Scope] nvarchar(30) NOT NULL,
    [State] nvarchar(40) NOT NULL,
    [JurisdictionId] nvarchar(40) NOT NULL,
    [PostId] nvarchar(60) NOT NULL,
    [HolderStaffId] nvarchar(60) NOT NULL,
    [HeldSince] datetimeoffset NOT NULL,
    [DueAt] datetimeoffset NOT NULL,
    [OpenedAt] datetimeoffset NOT NULL,
    [Level] nvarchar(20) NOT NULL,
    [EscalatedAt] datetimeoffset NULL,
    [ClosedAt] datetimeoffset NULL,
    [ExtensionApplied] bit NOT NULL,
    [ClockWasStopped] bit NOT NULL,
    CONSTRAINT [PK_supervision_items] PRIMARY KEY ([Id])
);
CREATE INDEX [IX_case_timers_CaseId] ON [case_timers] ([CaseId]);
CREATE INDEX [IX_case_timers_FiredAt_DueAt] ON [case_timers] ([FiredAt], [DueAt]);
CREATE INDEX [IX_extension_requests_CaseId] ON [extension_requests] ([CaseId]);
CREATE INDEX [IX_notifications_RecipientPostId_CreatedAt] ON [notifications] ([RecipientPostId], [CreatedAt]);
CREATE INDEX [IX_notifications_RecipientStaffId_CreatedAt] ON [notifications] ([RecipientStaffId], [CreatedAt]);
CREATE INDEX [IX_reminders_CaseId] ON [reminders] ([CaseId]);
CREATE UNIQUE INDEX [IX_reminders_TimerId] ON [reminders] ([TimerId]);
CREATE INDEX [IX_supervision_items_CaseId] ON [supervision_items] ([CaseId]);
CREATE INDEX [IX_supervision_items_ClosedAt_JurisdictionId] ON [supervision_items] ([ClosedAt], [JurisdictionId]);
CREATE UNIQUE INDEX [IX_supervision_items_TimerId] ON [supervision_items] ([TimerId]);
CREATE INDEX [IX_cases_AttentionAt_EarliestDueAt_CurrentPostId_ItemCode] ON [cases] ([AttentionAt], [EarliestDueAt], [CurrentPostId], [ItemCode]);
CREATE INDEX [IX_cases_EarliestDueAt] ON [cases] ([EarliestDueAt]);
CREATE INDEX [IX_cases_CurrentPostId_EarliestDueAt] ON [cases] ([CurrentPostId], [EarliestDueAt]);
