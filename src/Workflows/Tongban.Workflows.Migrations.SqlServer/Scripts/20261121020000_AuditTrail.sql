-- The audit trail (issue 4): append-only records, sealed into a hash chain by the audit sealer.

CREATE TABLE [audit_records] (
    [Sequence] bigint NOT NULL IDENTITY,
    [Id] uniqueidentifier NOT NULL,
    [At] datetimeoffset NOT NULL,
    [ActorId] nvarchar(80) NOT NULL,
    [Action] nvarchar(60) NOT NULL,
    [Subject] nvarchar(100) NOT NULL,
    [CaseId] uniqueidentifier NULL,
    [Outcome] nvarchar(20) NOT NULL,
    [Reason] nvarchar(200) NULL,
    [Detail] nvarchar(1000) NULL,
    [ChainIndex] bigint NULL,
    [PreviousHash] nvarchar(64) NULL,
    [Hash] nvarchar(64) NULL,
    CONSTRAINT [PK_audit_records] PRIMARY KEY ([Sequence])
);

CREATE INDEX [IX_audit_records_ActorId] ON [audit_records] ([ActorId]);

CREATE INDEX [IX_audit_records_At] ON [audit_records] ([At]);

CREATE INDEX [IX_audit_records_CaseId] ON [audit_records] ([CaseId]);

CREATE UNIQUE INDEX [IX_audit_records_ChainIndex] ON [audit_records] ([ChainIndex]) WHERE [ChainIndex] IS NOT NULL;

CREATE UNIQUE INDEX [IX_audit_records_Id] ON [audit_records] ([Id]);

-- Not in the EF model (the schema test leaves triggers out). THROW inside a trigger rolls back the statement's
-- transaction, so nothing of a refused change remains.
-- UPDATE: a sealed record cannot change at all; an unsealed one only gets its chain columns from the sealer.
-- ("Sequence" is an IDENTITY column, which SQL Server never lets an UPDATE change.)
EXEC(N'
CREATE TRIGGER [audit_records_no_change] ON [audit_records] AFTER UPDATE AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM deleted WHERE [Hash] IS NOT NULL)
        THROW 50001, N''audit records are append-only: a sealed record cannot be changed'', 1;
    IF EXISTS (SELECT 1 FROM inserted i JOIN deleted d ON d.[Sequence] = i.[Sequence]
               WHERE EXISTS (SELECT i.[Id], i.[At], i.[ActorId], i.[Action], i.[Subject], i.[CaseId], i.[Outcome], i.[Reason], i.[Detail]
                             EXCEPT
                             SELECT d.[Id], d.[At], d.[ActorId], d.[Action], d.[Subject], d.[CaseId], d.[Outcome], d.[Reason], d.[Detail]))
        THROW 50001, N''audit records are append-only: only sealing may update a record'', 1;
END;
');

-- DELETE: records are kept at least six months (网络安全法 §21); six calendar months can be 184 days, hence
-- months and a day before now, not a number of days.
EXEC(N'
CREATE TRIGGER [audit_records_retention] ON [audit_records] AFTER DELETE AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM deleted WHERE [At] > DATEADD(day, -1, DATEADD(month, -6, SYSDATETIMEOFFSET())))
        THROW 50002, N''audit records are kept at least six months: this record is too young to delete'', 1;
END;
');

-- TRUNCATE fires no trigger on SQL Server, but it is refused on a table that a foreign key references: this empty
-- table exists only for that (PostgreSQL's audit_records_no_truncate trigger). Not in the EF model either.
CREATE TABLE [audit_records_truncate_guard] (
    [Sequence] bigint NOT NULL,
    CONSTRAINT [FK_audit_records_truncate_guard] FOREIGN KEY ([Sequence]) REFERENCES [audit_records] ([Sequence])
);
