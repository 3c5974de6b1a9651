-- The resident's side (issue 14): milestone notices in a notification outbox, staged with the milestone and sent
-- by a relay; a resident may opt out at intake.
ALTER TABLE "cases" ADD "NoticesOptedOut" INTEGER NOT NULL DEFAULT 0;
CREATE TABLE "resident_notices" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_resident_notices" PRIMARY KEY,
    "CaseId" TEXT NOT NULL,
    "Sequence" INTEGER NOT NULL,
    "Milestone" TEXT NOT NULL,
    "CommunityId" TEXT NOT NULL,
    "Phone" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "Parameters" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "NextAttemptAt" INTEGER NOT NULL,
    "LeaseUntil" INTEGER NULL,
    "SentAt" INTEGER NULL,
    "Channel" TEXT NULL,
    "DeliveryStatus" TEXT NULL,
    "LastError" TEXT NULL
);
CREATE UNIQUE INDEX "IX_resident_notices_CaseId_Sequence_Milestone" ON "resident_notices" ("CaseId", "Sequence", "Milestone");
CREATE INDEX "IX_resident_notices_CommunityId_CreatedAt" ON "resident_notices" ("CommunityId", "CreatedAt");
CREATE INDEX "IX_resident_notices_Status_NextAttemptAt" ON "resident_notices" ("Status", "NextAttemptAt");
