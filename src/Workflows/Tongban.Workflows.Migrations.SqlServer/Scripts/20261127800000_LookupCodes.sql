-- The resident's side (issue 14): the one-time code for the public progress lookup, one row per case (a new code
-- replaces the old), only a keyed hash of the digits; the code travels once in resident_notices.
CREATE TABLE [resident_lookup_codes] (
    [CaseId] uniqueidentifier NOT NULL,
    [Serial] int NOT NULL,
    [CodeHash] nvarchar(64) NOT NULL,
    [IssuedAt] datetimeoffset NOT NULL,
    [ExpiresAt] datetimeoffset NOT NULL,
    [Attempts] int NOT NULL,
    [UsedAt] datetimeoffset NULL,
    CONSTRAINT [PK_resident_lookup_codes] PRIMARY KEY ([CaseId])
);
