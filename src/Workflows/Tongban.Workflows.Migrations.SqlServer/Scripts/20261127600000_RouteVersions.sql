-- Routes as data (issue 12): published route versions, seen by every process (the route files are the seed), and
-- an administrator's choice of route version for a catalogue item, which the catalogue import keeps.
CREATE TABLE [item_route_choices] (
    [ItemCode] nvarchar(40) NOT NULL,
    [Route] nvarchar(50) NOT NULL,
    [ChosenBy] nvarchar(80) NOT NULL,
    [ChosenAt] datetimeoffset NOT NULL,
    CONSTRAINT [PK_item_route_choices] PRIMARY KEY ([ItemCode])
);
CREATE TABLE [route_versions] (
    [Id] uniqueidentifier NOT NULL,
    [RouteId] nvarchar(40) NOT NULL,
    [Version] int NOT NULL,
    [Name] nvarchar(60) NOT NULL,
    [CanonicalJson] nvarchar(max) NOT NULL,
    [ContentHash] nvarchar(64) NOT NULL,
    [PublishedBy] nvarchar(80) NOT NULL,
    [PublishedAt] datetimeoffset NOT NULL,
    CONSTRAINT [PK_route_versions] PRIMARY KEY ([Id])
);
CREATE UNIQUE INDEX [IX_route_versions_RouteId_Version] ON [route_versions] ([RouteId], [Version]);
