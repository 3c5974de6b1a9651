-- Routes as data (issue 12): tasks of assisting branches (并联办理) beside the case's own state, and the end of a
-- timer node's wait (公示) on the case.
ALTER TABLE "cases" ADD "WaitUntil" INTEGER NULL;
CREATE TABLE "case_tasks" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_case_tasks" PRIMARY KEY,
    "CaseId" TEXT NOT NULL,
    "Fork" TEXT NOT NULL,
    "Node" TEXT NOT NULL,
    "Participant" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "JurisdictionId" TEXT NOT NULL,
    "PostId" TEXT NULL,
    "Status" TEXT NOT NULL,
    "OpenedAt" INTEGER NOT NULL,
    "ReceivedAt" INTEGER NULL,
    "StageLimitDays" INTEGER NULL,
    "DueAt" INTEGER NULL,
    "YellowAt" INTEGER NULL,
    "CompletedAt" INTEGER NULL,
    "CompletedBy" TEXT NULL,
    "Agrees" INTEGER NULL,
    "Opinion" TEXT NULL
);
CREATE UNIQUE INDEX "IX_case_tasks_CaseId_Node" ON "case_tasks" ("CaseId", "Node");
CREATE INDEX "IX_case_tasks_PostId_Status" ON "case_tasks" ("PostId", "Status");
