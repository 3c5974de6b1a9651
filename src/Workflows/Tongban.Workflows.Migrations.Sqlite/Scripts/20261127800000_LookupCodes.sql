-- The resident's side (issue 14): the one-time code for the public progress lookup, one row per case (a new code
-- replaces the old), only a keyed hash of the digits; the code travels once in resident_notices.
CREATE TABLE "resident_lookup_codes" (
    "CaseId" TEXT NOT NULL CONSTRAINT "PK_resident_lookup_codes" PRIMARY KEY,
    "Serial" INTEGER NOT NULL,
    "CodeHash" TEXT NOT NULL,
    "IssuedAt" INTEGER NOT NULL,
    "ExpiresAt" INTEGER NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "UsedAt" INTEGER NULL
);
