-- Issue 4, people rules: absence register (AB 双岗), escalation to B, acting-for in the journal, channel and authorisation,
-- consultations (首问负责), second-correction approvals (一次性告知), seal ledger, bad-review rectification items.
ALTER TABLE cases ADD COLUMN "Channel" character varying(20) NOT NULL DEFAULT 'Window';
ALTER TABLE cases ADD COLUMN "EscalatedToBackup" boolean NOT NULL DEFAULT false;
ALTER TABLE cases ALTER COLUMN "Channel" DROP DEFAULT;
ALTER TABLE cases ALTER COLUMN "EscalatedToBackup" DROP DEFAULT;
ALTER TABLE case_history ADD COLUMN "ActingForId" character varying(60);
CREATE INDEX "IX_case_history_ActingForId_At" ON case_history ("ActingForId", "At");
CREATE TABLE case_authorisations (
    "CaseId" uuid NOT NULL,
    "Agent" character varying(100) NOT NULL,
    "Scope" character varying(500) NOT NULL,
    "SignedOn" date NOT NULL,
    "Channel" character varying(20) NOT NULL,
    "RecordedBy" character varying(60) NOT NULL,
    "RecordedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_case_authorisations" PRIMARY KEY ("CaseId")
);
CREATE TABLE consultations (
    "Id" uuid NOT NULL,
    "StaffId" character varying(60) NOT NULL,
    "JurisdictionId" character varying(40) NOT NULL,
    "ItemCode" character varying(40) NOT NULL,
    "ItemVersion" integer NOT NULL,
    "Channel" character varying(20) NOT NULL,
    "Materials" text NOT NULL,
    "PromisedWorkingDays" integer NOT NULL,
    "PromisedDueAt" timestamp with time zone NOT NULL,
    "PromisedProvisional" boolean NOT NULL,
    "Note" character varying(500),
    "At" timestamp with time zone NOT NULL,
    "CaseId" uuid,
    CONSTRAINT "PK_consultations" PRIMARY KEY ("Id")
);
CREATE TABLE correction_approvals (
    "Id" uuid NOT NULL,
    "CaseId" uuid NOT NULL,
    "JurisdictionId" character varying(40) NOT NULL,
    "ApprovedBy" character varying(60) NOT NULL,
    "Reason" character varying(500) NOT NULL,
    "ApprovedAt" timestamp with time zone NOT NULL,
    "UsedAt" timestamp with time zone,
    CONSTRAINT "PK_correction_approvals" PRIMARY KEY ("Id")
);
CREATE TABLE post_absences (
    "Id" uuid NOT NULL,
    "PostId" character varying(60) NOT NULL,
    "StaffId" character varying(60) NOT NULL,
    "From" date NOT NULL,
    "To" date NOT NULL,
    "CoverStaffId" character varying(60),
    "RegisteredBy" character varying(60) NOT NULL,
    "RegisteredAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_post_absences" PRIMARY KEY ("Id")
);
CREATE TABLE rectification_items (
    "Id" uuid NOT NULL,
    "CaseId" uuid NOT NULL,
    "CaseNumber" character varying(32) NOT NULL,
    "Level" integer NOT NULL,
    "JurisdictionId" character varying(40) NOT NULL,
    "PostId" character varying(60) NOT NULL,
    "OpenedAt" timestamp with time zone NOT NULL,
    "ContactDueAt" timestamp with time zone NOT NULL,
    "RectifyDueAt" timestamp with time zone NOT NULL,
    "ContactedAt" timestamp with time zone,
    "ContactNote" character varying(500),
    "RectifiedAt" timestamp with time zone,
    "RectificationNote" character varying(500),
    "RevisitedAt" timestamp with time zone,
    "RevisitSatisfied" boolean,
    "RevisitNote" character varying(500),
    "Version" integer NOT NULL,
    CONSTRAINT "PK_rectification_items" PRIMARY KEY ("Id")
);
CREATE TABLE seal_uses (
    "Id" uuid NOT NULL,
    "CaseId" uuid NOT NULL,
    "JurisdictionId" character varying(40) NOT NULL,
    "Seal" character varying(100) NOT NULL,
    "Document" character varying(200) NOT NULL,
    "UsedBy" character varying(60) NOT NULL,
    "UsedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_seal_uses" PRIMARY KEY ("Id")
);
CREATE INDEX "IX_consultations_CaseId" ON consultations ("CaseId");
CREATE INDEX "IX_consultations_StaffId_At" ON consultations ("StaffId", "At");
CREATE INDEX "IX_correction_approvals_CaseId" ON correction_approvals ("CaseId");
CREATE INDEX "IX_correction_approvals_JurisdictionId" ON correction_approvals ("JurisdictionId");
CREATE INDEX "IX_post_absences_CoverStaffId_To" ON post_absences ("CoverStaffId", "To");
CREATE INDEX "IX_post_absences_PostId_To" ON post_absences ("PostId", "To");
CREATE INDEX "IX_post_absences_StaffId_To" ON post_absences ("StaffId", "To");
CREATE INDEX "IX_rectification_items_CaseId" ON rectification_items ("CaseId");
CREATE INDEX "IX_rectification_items_JurisdictionId_RevisitedAt" ON rectification_items ("JurisdictionId", "RevisitedAt");
CREATE INDEX "IX_seal_uses_CaseId" ON seal_uses ("CaseId");
CREATE INDEX "IX_seal_uses_JurisdictionId_UsedAt" ON seal_uses ("JurisdictionId", "UsedAt");
