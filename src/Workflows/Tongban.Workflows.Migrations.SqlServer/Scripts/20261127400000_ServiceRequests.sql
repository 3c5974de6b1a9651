-- The resident's side (issue 14): grids with their grid-worker posts, online requests with a call-back limit, and
-- collections at home by the grid worker.
CREATE TABLE [grids] (
    [Id] nvarchar(40) NOT NULL,
    [CommunityId] nvarchar(40) NOT NULL,
    [Name] nvarchar(100) NOT NULL,
    [PostId] nvarchar(60) NOT NULL,
    CONSTRAINT [PK_grids] PRIMARY KEY ([Id])
);
CREATE INDEX [IX_grids_CommunityId] ON [grids] ([CommunityId]);
CREATE INDEX [IX_grids_PostId] ON [grids] ([PostId]);
CREATE TABLE [service_requests] (
    [Id] uniqueidentifier NOT NULL,
    [Reference] nvarchar(32) NOT NULL,
    [CommunityId] nvarchar(40) NOT NULL,
    [GridId] nvarchar(40) NULL,
    [ItemCode] nvarchar(40) NOT NULL,
    [Name] nvarchar(100) NOT NULL,
    [Phone] nvarchar(20) NOT NULL,
    [PreferredTime] nvarchar(100) NULL,
    [Address] nvarchar(200) NULL,
    [ConsentAt] datetimeoffset NOT NULL,
    [SubmittedAt] datetimeoffset NOT NULL,
    [CallBackDueAt] datetimeoffset NOT NULL,
    [AddressHash] nvarchar(64) NOT NULL,
    [State] nvarchar(30) NOT NULL,
    [Outcome] nvarchar(30) NULL,
    [CallBackBy] nvarchar(60) NULL,
    [CallBackAt] datetimeoffset NULL,
    [CallBackNote] nvarchar(500) NULL,
    [ConsultationId] uniqueidentifier NULL,
    [CaseId] uniqueidentifier NULL,
    [Version] int NOT NULL,
    CONSTRAINT [PK_service_requests] PRIMARY KEY ([Id])
);
CREATE UNIQUE INDEX [IX_service_requests_Reference] ON [service_requests] ([Reference]);
CREATE INDEX [IX_service_requests_CommunityId_SubmittedAt] ON [service_requests] ([CommunityId], [SubmittedAt]);
CREATE INDEX [IX_service_requests_AddressHash_SubmittedAt] ON [service_requests] ([AddressHash], [SubmittedAt]);
CREATE INDEX [IX_service_requests_CaseId] ON [service_requests] ([CaseId]);
CREATE TABLE [collection_tasks] (
    [Id] uniqueidentifier NOT NULL,
    [RequestId] uniqueidentifier NOT NULL,
    [GridId] nvarchar(40) NOT NULL,
    [PostId] nvarchar(60) NOT NULL,
    [AssignedStaffId] nvarchar(60) NOT NULL,
    [AppointmentAt] datetimeoffset NOT NULL,
    [Address] nvarchar(200) NOT NULL,
    [CreatedAt] datetimeoffset NOT NULL,
    [Done] bit NOT NULL,
    [Collected] nvarchar(max) NOT NULL,
    [CollectedBy] nvarchar(60) NULL,
    [CollectedAt] datetimeoffset NULL,
    [Note] nvarchar(500) NULL,
    [Version] int NOT NULL,
    CONSTRAINT [PK_collection_tasks] PRIMARY KEY ([Id])
);
CREATE UNIQUE INDEX [IX_collection_tasks_RequestId] ON [collection_tasks] ([RequestId]);
CREATE INDEX [IX_collection_tasks_PostId_Done_AppointmentAt] ON [collection_tasks] ([PostId], [Done], [AppointmentAt]);
CREATE INDEX [IX_collection_tasks_AssignedStaffId_Done] ON [collection_tasks] ([AssignedStaffId], [Done]);
