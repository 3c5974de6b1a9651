-- The audit trail (issue 4): append-only records, sealed into a hash chain by the audit sealer.

CREATE TABLE "audit_records" (
    "Sequence" INTEGER NOT NULL CONSTRAINT "PK_audit_records" PRIMARY KEY AUTOINCREMENT,
    "Id" TEXT NOT NULL,
    "At" INTEGER NOT NULL,
    "ActorId" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "Subject" TEXT NOT NULL,
    "CaseId" TEXT NULL,
    "Outcome" TEXT NOT NULL,
    "Reason" TEXT NULL,
    "Detail" TEXT NULL,
    "ChainIndex" INTEGER NULL,
    "PreviousHash" TEXT NULL,
    "Hash" TEXT NULL
);

CREATE INDEX "IX_audit_records_ActorId" ON "audit_records" ("ActorId");

CREATE INDEX "IX_audit_records_At" ON "audit_records" ("At");

CREATE INDEX "IX_audit_records_CaseId" ON "audit_records" ("CaseId");

CREATE UNIQUE INDEX "IX_audit_records_ChainIndex" ON "audit_records" ("ChainIndex");

CREATE UNIQUE INDEX "IX_audit_records_Id" ON "audit_records" ("Id");

-- Not in the EF model (the schema test leaves triggers out). A sealed record cannot change at all; an unsealed
-- one only gets its chain columns (ChainIndex, PreviousHash, Hash) from the sealer.
CREATE TRIGGER "audit_records_no_change" BEFORE UPDATE ON "audit_records"
WHEN OLD."Hash" IS NOT NULL
    OR NEW."Sequence" IS NOT OLD."Sequence" OR NEW."Id" IS NOT OLD."Id" OR NEW."At" IS NOT OLD."At"
    OR NEW."ActorId" IS NOT OLD."ActorId" OR NEW."Action" IS NOT OLD."Action" OR NEW."Subject" IS NOT OLD."Subject"
    OR NEW."CaseId" IS NOT OLD."CaseId" OR NEW."Outcome" IS NOT OLD."Outcome" OR NEW."Reason" IS NOT OLD."Reason"
    OR NEW."Detail" IS NOT OLD."Detail"
BEGIN
    SELECT RAISE(ABORT, 'audit records are append-only: a sealed record cannot be changed');
END;

-- Retention: at least six months (网络安全法 §21). Six calendar months can be 184 days, so the bound is
-- "6 months and a day" before now, not a fixed number of days. "At" is stored as UTC ticks.
CREATE TRIGGER "audit_records_retention" BEFORE DELETE ON "audit_records"
WHEN OLD."At" > CAST(strftime('%s', 'now', '-6 months', '-1 day') AS INTEGER) * 10000000 + 621355968000000000
BEGIN
    SELECT RAISE(ABORT, 'audit records are kept at least six months: this record is too young to delete');
END;
