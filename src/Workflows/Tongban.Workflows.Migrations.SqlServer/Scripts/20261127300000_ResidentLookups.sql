-- The resident's side (issue 14): every public progress lookup, with keyed hashes of the case number and the
-- client address (what the rate limits count), never the ID characters typed.
CREATE TABLE [resident_lookups] (
    [Id] uniqueidentifier NOT NULL,
    [At] datetimeoffset NOT NULL,
    [CaseId] uniqueidentifier NULL,
    [CaseKey] nvarchar(64) NOT NULL,
    [AddressHash] nvarchar(64) NOT NULL,
    [Outcome] nvarchar(20) NOT NULL,
    [Door] nvarchar(10) NOT NULL,
    CONSTRAINT [PK_resident_lookups] PRIMARY KEY ([Id])
);
CREATE INDEX [IX_resident_lookups_AddressHash_At] ON [resident_lookups] ([AddressHash], [At]);
CREATE INDEX [IX_resident_lookups_CaseId] ON [resident_lookups] ([CaseId]);
CREATE INDEX [IX_resident_lookups_CaseKey_At] ON [resident_lookups] ([CaseKey], [At]);
