-- Issue 3, time limits: case clocks, working-day calendars, durable timers, reminders, supervision, extensions.
ALTER TABLE cases ADD COLUMN "OverallLimitDays" integer NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN "OverallStartedAt" timestamp with time zone;
ALTER TABLE cases ADD COLUMN "PlannedOverallDays" integer NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN "OverallDueAt" timestamp with time zone;
ALTER TABLE cases ADD COLUMN "OverallYellowAt" timestamp with time zone;
ALTER TABLE cases ADD COLUMN "OverallProvisional" boolean NOT NULL DEFAULT false;
ALTER TABLE cases ADD COLUMN "ClockStoppedAt" timestamp with time zone;
ALTER TABLE cases ADD COLUMN "ClockStopReason" character varying(200);
ALTER TABLE cases ADD COLUMN "OwedWorkingDays" integer;
ALTER TABLE cases ADD COLUMN "ExtensionDays" integer NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN "OverdueAt" timestamp with time zone;
ALTER TABLE cases ADD COLUMN "CompletedAt" timestamp with time zone;
ALTER TABLE cases ADD COLUMN "Stage" character varying(30);
ALTER TABLE cases ADD COLUMN "StageStartedAt" timestamp with time zone;
ALTER TABLE cases ADD COLUMN "StageLimitDays" integer;
ALTER TABLE cases ADD COLUMN "StageDueAt" timestamp with time zone;
ALTER TABLE cases ADD COLUMN "StageYellowAt" timestamp with time zone;
ALTER TABLE cases ADD COLUMN "StageProvisional" boolean NOT NULL DEFAULT false;
ALTER TABLE cases ADD COLUMN "DeferredMaterials" text NOT NULL DEFAULT '[]';
ALTER TABLE cases ADD COLUMN "PromiseDueAt" timestamp with time zone;
ALTER TABLE cases ADD COLUMN "AttentionAt" timestamp with time zone;
ALTER TABLE cases ADD COLUMN "EarliestDueAt" timestamp with time zone;
ALTER TABLE cases ALTER COLUMN "OverallLimitDays" DROP DEFAULT;
ALTER TABLE cases ALTER COLUMN "PlannedOverallDays" DROP DEFAULT;
ALTER TABLE cases ALTER COLUMN "OverallProvisional" DROP DEFAULT;
ALTER TABLE cases ALTER COLUMN "ExtensionDays" DROP DEFAULT;
ALTER TABLE cases ALTER COLUMN "StageProvisional" DROP DEFAULT;
ALTER TABLE cases ALTER COLUMN "DeferredMaterials" DROP DEFAULT;
CREATE TABLE case_timers (
    "Id" uuid NOT NULL,
    "CaseId" uuid NOT NULL,
    "Kind" character varying(30) NOT NULL,
    "Scope" character varying(30) NOT NULL,
    "DueAt" timestamp with time zone NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "FiredAt" timestamp with time zone,
    "LockedBy" uuid,
    "LockedUntil" timestamp with time zone,
    "SupervisionItemId" uuid,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_case_timers" PRIMARY KEY ("Id")
);
CREATE TABLE extension_requests (
    "Id" uuid NOT NULL,
    "CaseId" uuid NOT NULL,
    "WorkingDays" integer NOT NULL,
    "Reason" character varying(500) NOT NULL,
    "RequestedBy" character varying(60) NOT NULL,
    "PostId" character varying(60) NOT NULL,
    "RequestedAt" timestamp with time zone NOT NULL,
    "RequestedAfterExpiry" boolean NOT NULL,
    "Status" character varying(20) NOT NULL,
    "DecidedBy" character varying(60),
    "DecidedAt" timestamp with time zone,
    "DecisionNote" character varying(500),
    CONSTRAINT "PK_extension_requests" PRIMARY KEY ("Id")
);
CREATE TABLE holiday_schedules (
    "Year" integer NOT NULL,
    "Json" text NOT NULL,
    "Source" character varying(300),
    "LoadedAt" timestamp with time zone NOT NULL,
    "LoadedBy" character varying(60) NOT NULL,
    CONSTRAINT "PK_holiday_schedules" PRIMARY KEY ("Year")
);
CREATE TABLE notifications (
    "Id" uuid NOT NULL,
    "CaseId" uuid NOT NULL,
    "RecipientPostId" character varying(60),
    "RecipientStaffId" character varying(60),
    "Kind" character varying(40) NOT NULL,
    "Text" character varying(500) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ReadAt" timestamp with time zone,
    CONSTRAINT "PK_notifications" PRIMARY KEY ("Id")
);
CREATE TABLE reminders (
    "Id" uuid NOT NULL,
    "TimerId" uuid NOT NULL,
    "CaseId" uuid NOT NULL,
    "Scope" character varying(30) NOT NULL,
    "PostId" character varying(60) NOT NULL,
    "JurisdictionId" character varying(40) NOT NULL,
    "HolderStaffId" character varying(60) NOT NULL,
    "SentAt" timestamp with time zone NOT NULL,
    "DueAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_reminders" PRIMARY KEY ("Id")
);
CREATE TABLE supervision_items (
    "Id" uuid NOT NULL,
    "TimerId" uuid NOT NULL,
    "CaseId" uuid NOT NULL,
    "CaseNumber" character varying(32) NOT NULL,
    "ItemCode" character varying(40) NOT NULL,
    "Scope" character varying(30) NOT NULL,
    "State" character varying(40) NOT NULL,
    "JurisdictionId" character varying(40) NOT NULL,
    "PostId" character varying(60) NOT NULL,
    "HolderStaffId" character varying(60) NOT NULL,
    "HeldSince" timestamp with time zone NOT NULL,
    "DueAt" timestamp with time zone NOT NULL,
    "OpenedAt" timestamp with time zone NOT NULL,
    "Level" character varying(20) NOT NULL,
    "EscalatedAt" timestamp with time zone,
    "ClosedAt" timestamp with time zone,
    "ExtensionApplied" boolean NOT NULL,
    "ClockWasStopped" boolean NOT NULL,
    CONSTRAINT "PK_supervision_items" PRIMARY KEY ("Id")
);
CREATE INDEX "IX_case_timers_CaseId" ON case_timers ("CaseId");
CREATE INDEX "IX_case_timers_FiredAt_DueAt" ON case_timers ("FiredAt", "DueAt");
CREATE INDEX "IX_extension_requests_CaseId" ON extension_requests ("CaseId");
CREATE INDEX "IX_notifications_RecipientPostId_CreatedAt" ON notifications ("RecipientPostId", "CreatedAt");
CREATE INDEX "IX_notifications_RecipientStaffId_CreatedAt" ON notifications ("RecipientStaffId", "CreatedAt");
CREATE INDEX "IX_reminders_CaseId" ON reminders ("CaseId");
CREATE UNIQUE INDEX "IX_reminders_TimerId" ON reminders ("TimerId");
CREATE INDEX "IX_supervision_items_CaseId" ON supervision_items ("CaseId");
CREATE INDEX "IX_supervision_items_ClosedAt_JurisdictionId" ON supervision_items ("ClosedAt", "JurisdictionId");
CREATE UNIQUE INDEX "IX_supervision_items_TimerId" ON supervision_items ("TimerId");
CREATE INDEX "IX_cases_AttentionAt_EarliestDueAt_CurrentPostId_ItemCode" ON cases ("AttentionAt", "EarliestDueAt", "CurrentPostId", "ItemCode");
CREATE INDEX "IX_cases_EarliestDueAt" ON cases ("EarliestDueAt");
CREATE INDEX "IX_cases_CurrentPostId_EarliestDueAt" ON cases ("CurrentPostId", "EarliestDueAt");
