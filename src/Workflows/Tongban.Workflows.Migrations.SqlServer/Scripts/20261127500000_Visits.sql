-- The resident's side (issue 14): door-to-door appointments. A community publishes working days with a capacity
-- (visit_slots, its version a concurrency token); a booking raises the booked count and inserts the visit in one save.
CREATE TABLE [visit_slots] (
    [CommunityId] nvarchar(40) NOT NULL,
    [Day] date NOT NULL,
    [Capacity] int NOT NULL,
    [Booked] int NOT NULL,
    [Version] int NOT NULL,
    [SetBy] nvarchar(60) NOT NULL,
    [SetAt] datetimeoffset NOT NULL,
    CONSTRAINT [PK_visit_slots] PRIMARY KEY ([CommunityId], [Day])
);
CREATE TABLE [visits] (
    [Id] uniqueidentifier NOT NULL,
    [CommunityId] nvarchar(40) NOT NULL,
    [GridCode] nvarchar(40) NULL,
    [Day] date NOT NULL,
    [ResidentName] nvarchar(50) NOT NULL,
    [Phone] nvarchar(20) NOT NULL,
    [Address] nvarchar(200) NOT NULL,
    [Reason] nvarchar(500) NOT NULL,
    [ItemCode] nvarchar(40) NULL,
    [BookedBy] nvarchar(60) NOT NULL,
    [AddressHash] nvarchar(64) NULL,
    [ConsentAt] datetimeoffset NOT NULL,
    [CreatedAt] datetimeoffset NOT NULL,
    [Status] nvarchar(20) NOT NULL,
    [VisitorStaffId] nvarchar(60) NULL,
    [CaseId] uniqueidentifier NULL,
    [ClosedAt] datetimeoffset NULL,
    [Version] int NOT NULL,
    CONSTRAINT [PK_visits] PRIMARY KEY ([Id])
);
CREATE INDEX [IX_visits_AddressHash_CreatedAt] ON [visits] ([AddressHash], [CreatedAt]);
CREATE INDEX [IX_visits_CaseId] ON [visits] ([CaseId]);
CREATE INDEX [IX_visits_CommunityId_Day] ON [visits] ([CommunityId], [Day]);
