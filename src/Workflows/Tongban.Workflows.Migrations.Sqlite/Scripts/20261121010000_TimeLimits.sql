-- Issue 3, time limits: case clocks, working-day calendars, durable timers, reminders, supervision, extensions.
ALTER TABLE "cases" ADD COLUMN "OverallLimitDays" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "cases" ADD COLUMN "OverallStartedAt" INTEGER NULL;
ALTER TABLE "cases" ADD COLUMN "PlannedOverallDays" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "cases" ADD COLUMN "OverallDueAt" INTEGER NULL;
ALTER TABLE "cases" ADD COLUMN "OverallYellowAt" INTEGER NULL;
ALTER TABLE "cases" ADD COLUMN "OverallProvisional" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "cases" ADD COLUMN "ClockStoppedAt" INTEGER NULL;
ALTER TABLE "cases" ADD COLUMN "ClockStopReason" TEXT NULL;
ALTER TABLE "cases" ADD COLUMN "OwedWorkingDays" INTEGER NULL;
ALTER TABLE "cases" ADD COLUMN "ExtensionDays" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "cases" ADD COLUMN "OverdueAt" INTEGER NULL;
ALTER TABLE "cases" ADD COLUMN "CompletedAt" INTEGER NULL;
ALTER TABLE "cases" ADD COLUMN "Stage" TEXT NULL;
ALTER TABLE "cases" ADD COLUMN "StageStartedAt" INTEGER NULL;
ALTER TABLE "cases" ADD COLUMN "StageLimitDays" INTEGER NULL;
ALTER TABLE "cases" ADD COLUMN "StageDueAt" INTEGER NULL;
ALTER TABLE "cases" ADD COLUMN "StageYellowAt" INTEGER NULL;
ALTER TABLE "cases" ADD COLUMN "StageProvisional" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "cases" ADD COLUMN "DeferredMaterials" TEXT NOT NULL DEFAULT '[]';
ALTER TABLE "cases" ADD COLUMN "PromiseDueAt" INTEGER NULL;
ALTER TABLE "cases" ADD COLUMN "AttentionAt" INTEGER NULL;
ALTER TABLE "cases" ADD COLUMN "EarliestDueAt" INTEGER NULL;
CREATE TABLE "case_timers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_case_timers" PRIMARY KEY,
    "CaseId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Scope" TEXT NOT NULL,
    "DueAt" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "FiredAt" INTEGER NULL,
    "LockedBy" TEXT NULL,
    "LockedUntil" INTEGER NULL,
    "SupervisionItemId" TEXT NULL,
    "Version" INTEGER NOT NULL
);
CREATE TABLE "extension_requests" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_extension_requests" PRIMARY KEY,
    "CaseId" TEXT NOT NULL,
    "WorkingDays" INTEGER NOT NULL,
    "Reason" TEXT NOT NULL,
    "RequestedBy" TEXT NOT NULL,
    "PostId" TEXT NOT NULL,
    "RequestedAt" INTEGER NOT NULL,
    "RequestedAfterExpiry" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "DecidedBy" TEXT NULL,
    "DecidedAt" INTEGER NULL,
    "DecisionNote" TEXT NULL
);
CREATE TABLE "holiday_schedules" (
    "Year" INTEGER NOT NULL CONSTRAINT "PK_holiday_schedules" PRIMARY KEY,
    "Json" TEXT NOT NULL,
    "Source" TEXT NULL,
    "LoadedAt" INTEGER NOT NULL,
    "LoadedBy" TEXT NOT NULL
);
CREATE TABLE "notifications" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_notifications" PRIMARY KEY,
    "CaseId" TEXT NOT NULL,
    "RecipientPostId" TEXT NULL,
    "RecipientStaffId" TEXT NULL,
    "Kind" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ReadAt" INTEGER NULL
);
CREATE TABLE "reminders" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_reminders" PRIMARY KEY,
    "TimerId" TEXT NOT NULL,
    "CaseId" TEXT NOT NULL,
    "Scope" TEXT NOT NULL,
    "PostId" TEXT NOT NULL,
    "JurisdictionId" TEXT NOT NULL,
    "HolderStaffId" TEXT NOT NULL,
    "SentAt" INTEGER NOT NULL,
    "DueAt" INTEGER NOT NULL
);
CREATE TABLE "supervision_items" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_supervision_items" PRIMARY KEY,
    "TimerId" TEXT NOT NULL,
    "CaseId" TEXT NOT NULL,
    "CaseNumber" TEXT NOT NULL,
    "ItemCode" TEXT NOT NULL,
    "Scope" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "JurisdictionId" TEXT NOT NULL,
    "PostId" TEXT NOT NULL,
    "HolderStaffId" TEXT NOT NULL,
    "HeldSince" INTEGER NOT NULL,
    "DueAt" INTEGER NOT NULL,
    "OpenedAt" INTEGER NOT NULL,
    "Level" TEXT NOT NULL,
    "EscalatedAt" INTEGER NULL,
    "ClosedAt" INTEGER NULL,
    "ExtensionApplied" INTEGER NOT NULL,
    "ClockWasStopped" INTEGER NOT NULL
);
CREATE INDEX "IX_case_timers_CaseId" ON "case_timers" ("CaseId");
CREATE INDEX "IX_case_timers_FiredAt_DueAt" ON "case_timers" ("FiredAt", "DueAt");
CREATE INDEX "IX_extension_requests_CaseId" ON "extension_requests" ("CaseId");
CREATE INDEX "IX_notifications_RecipientPostId_CreatedAt" ON "notifications" ("RecipientPostId", "CreatedAt");
CREATE INDEX "IX_notifications_RecipientStaffId_CreatedAt" ON "notifications" ("RecipientStaffId", "CreatedAt");
CREATE INDEX "IX_reminders_CaseId" ON "reminders" ("CaseId");
CREATE UNIQUE INDEX "IX_reminders_TimerId" ON "reminders" ("TimerId");
CREATE INDEX "IX_supervision_items_CaseId" ON "supervision_items" ("CaseId");
CREATE INDEX "IX_supervision_items_ClosedAt_JurisdictionId" ON "supervision_items" ("ClosedAt", "JurisdictionId");
CREATE UNIQUE INDEX "IX_supervision_items_TimerId" ON "supervision_items" ("TimerId");
CREATE INDEX "IX_cases_AttentionAt_EarliestDueAt_CurrentPostId_ItemCode" ON "cases" ("AttentionAt", "EarliestDueAt", "CurrentPostId", "ItemCode");
CREATE INDEX "IX_cases_EarliestDueAt" ON "cases" ("EarliestDueAt");
CREATE INDEX "IX_cases_CurrentPostId_EarliestDueAt" ON "cases" ("CurrentPostId", "EarliestDueAt");
