-- The resident's side (issue 14): every public progress lookup, with keyed hashes of the case number and the
-- client address (what the rate limits count), never the ID characters typed.
CREATE TABLE "resident_lookups" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_resident_lookups" PRIMARY KEY,
    "At" INTEGER NOT NULL,
    "CaseId" TEXT NULL,
    "CaseKey" TEXT NOT NULL,
    "AddressHash" TEXT NOT NULL,
    "Outcome" TEXT NOT NULL,
    "Door" TEXT NOT NULL
);
CREATE INDEX "IX_resident_lookups_AddressHash_At" ON "resident_lookups" ("AddressHash", "At");
CREATE INDEX "IX_resident_lookups_CaseId" ON "resident_lookups" ("CaseId");
CREATE INDEX "IX_resident_lookups_CaseKey_At" ON "resident_lookups" ("CaseKey", "At");
