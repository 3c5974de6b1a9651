-- Dead letters (issue 6): hand-offs that failed after every retry, recorded from MassTransit's Fault<HandOffCase>
-- for the bureau and the administrator to see and replay.
CREATE TABLE "dead_letters" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_dead_letters" PRIMARY KEY,
    "MessageId" TEXT NOT NULL,
    "MessageType" TEXT NOT NULL,
    "DestinationQueue" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "CaseId" TEXT NOT NULL,
    "ExceptionType" TEXT NOT NULL,
    "ExceptionMessage" TEXT NOT NULL,
    "FaultedAt" INTEGER NOT NULL,
    "FaultedOn" TEXT NOT NULL,
    "FaultCount" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "ReplayedAt" INTEGER NULL,
    "ReplayedBy" TEXT NULL,
    "ReplayCount" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL
);
CREATE INDEX "IX_dead_letters_CaseId" ON "dead_letters" ("CaseId");
CREATE UNIQUE INDEX "IX_dead_letters_MessageId" ON "dead_letters" ("MessageId");
CREATE INDEX "IX_dead_letters_Status_FaultedAt" ON "dead_letters" ("Status", "FaultedAt");
