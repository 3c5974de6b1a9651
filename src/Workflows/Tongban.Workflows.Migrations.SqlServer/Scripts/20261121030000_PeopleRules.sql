-- Issue 4, people rules: absence register (AB 双岗), escalation to B, acting-for in the journal, channel and authorisation,
-- consultations (首问负责), second-correction approvals (一次性告知), seal ledger, bad-review rectification items.
ALTER TABLE [cases] ADD [Channel] nvarchar(20) NOT NULL CONSTRAINT [DF_cases_Channel] DEFAULT N'Window';
ALTER TABLE [cases] ADD [EscalatedToBackup] bit NOT NULL CONSTRAINT [DF_cases_EscalatedToBackup] DEFAULT CAST(0 AS bit);
ALTER TABLE [cases] DROP CONSTRAINT [DF_cases_Channel];
ALTER TABLE [cases] DROP CONSTRAINT [DF_cases_EscalatedToBackup];
ALTER TABLE [case_history] ADD [ActingForId] nvarchar(60) NULL;
CREATE INDEX [IX_case_history_ActingForId_At] ON [case_history] ([ActingForId], [At]);
CREATE TABLE [case_authorisations] (
    [CaseId] uniqueidentifier NOT NULL,
    [Agent] nvarchar(100) NOT NULL,
    [Scope] nvarchar(500) NOT NULL,
    [SignedOn] date NOT NULL,
    [Channel] nvarchar(20) NOT NULL,
    [RecordedBy] nvarchar(60) NOT NULL,
    [RecordedAt] datetimeoffset NOT NULL,
    CONSTRAINT [PK_case_authorisations] PRIMARY KEY ([CaseId])
);
CREATE TABLE [consultations] (
    [Id] uniqueidentifier NOT NULL,
    [StaffId] nvarchar(60) NOT NULL,
    [JurisdictionId] nvarchar(40) NOT NULL,
    [ItemCode] nvarchar(40) NOT NULL,
    [ItemVersion] int NOT NULL,
    [Channel] nvarchar(20) NOT NULL,
    [Materials] nvarchar(max) NOT NULL,
    [PromisedWorkingDays] int NOT NULL,
    [PromisedDueAt] datetimeoffset NOT NULL,
    [PromisedProvisional] bit NOT NULL,
    [Note] nvarchar(500) NULL,
    [At] datetimeoffset NOT NULL,
    [CaseId] uniqueidentifier NULL,
    CONSTRAINT [PK_consultations] PRIMARY KEY ([Id])
);
CREATE TABLE [correction_approvals] (
    [Id] uniqueidentifier NOT NULL,
    [CaseId] uniqueidentifier NOT NULL,
    [JurisdictionId] nvarchar(40) NOT NULL,
    [ApprovedBy] nvarchar(60) NOT NULL,
    [Reason] nvarchar(500) NOT NULL,
    [ApprovedAt] datetimeoffset NOT NULL,
    [UsedAt] datetimeoffset NULL,
    CONSTRAINT [PK_correction_approvals] PRIMARY KEY ([Id])
);
CREATE TABLE [post_absences] (
    [Id] uniqueidentifier NOT NULL,
    [PostId] nvarchar(60) NOT NULL,
    [StaffId] nvarchar(60) NOT NULL,
    [From] date NOT NULL,
    [To] date NOT NULL,
    [CoverStaffId] nvarchar(60) NULL,
    [RegisteredBy] nvarchar(60) NOT NULL,
    [RegisteredAt] datetimeoffset NOT NULL,
    CONSTRAINT [PK_post_absences] PRIMARY KEY ([Id])
);
CREATE TABLE [rectification_items] (
    [Id] uniqueidentifier NOT NULL,
    [CaseId] uniqueidentifier NOT NULL,
    [CaseNumber] nvarchar(32) NOT NULL,
    [Level] int NOT NULL,
    [JurisdictionId] nvarchar(40) NOT NULL,
    [PostId] nvarchar(60) NOT NULL,
    [OpenedAt] datetimeoffset NOT NULL,
    [ContactDueAt] datetimeoffset NOT NULL,
    [RectifyDueAt] datetimeoffset NOT NULL,
    [ContactedAt] datetimeoffset NULL,
    [ContactNote] nvarchar(500) NULL,
    [RectifiedAt] datetimeoffset NULL,
    [RectificationNote] nvarchar(500) NULL,
    [RevisitedAt] datetimeoffset NULL,
    [RevisitSatisfied] bit NULL,
    [RevisitNote] nvarchar(500) NULL,
    [Version] int NOT NULL,
    CONSTRAINT [PK_rectification_items] PRIMARY KEY ([Id])
);
CREATE TABLE [seal_uses] (
    [Id] uniqueidentifier NOT NULL,
    [CaseId] uniqueidentifier NOT NULL,
    [JurisdictionId] nvarchar(40) NOT NULL,
    [Seal] nvarchar(100) NOT NULL,
    [Document] nvarchar(200) NOT NULL,
    [UsedBy] nvarchar(60) NOT NULL,
    [UsedAt] datetimeoffset NOT NULL,
    CONSTRAINT [PK_seal_uses] PRIMARY KEY ([Id])
);
CREATE INDEX [IX_consultations_CaseId] ON [consultations] ([CaseId]);
CREATE INDEX [IX_consultations_StaffId_At] ON [consultations] ([StaffId], [At]);
CREATE INDEX [IX_correction_approvals_CaseId] ON [correction_approvals] ([CaseId]);
CREATE INDEX [IX_correction_approvals_JurisdictionId] ON [correction_approvals] ([JurisdictionId]);
CREATE INDEX [IX_post_absences_CoverStaffId_To] ON [post_absences] ([CoverStaffId], [To]);
CREATE INDEX [IX_post_absences_PostId_To] ON [post_absences] ([PostId], [To]);
CREATE INDEX [IX_post_absences_StaffId_To] ON [post_absences] ([StaffId], [To]);
CREATE INDEX [IX_rectification_items_CaseId] ON [rectification_items] ([CaseId]);
CREATE INDEX [IX_rectification_items_JurisdictionId_RevisitedAt] ON [rectification_items] ([JurisdictionId], [RevisitedAt]);
CREATE INDEX [IX_seal_uses_CaseId] ON [seal_uses] ([CaseId]);
CREATE INDEX [IX_seal_uses_JurisdictionId_UsedAt] ON [seal_uses] ([JurisdictionId], [UsedAt]);
