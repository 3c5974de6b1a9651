-- Issue 4, people rules: absence register (AB 双岗), escalation to B, acting-for in the journal, channel and authorisation,
-- consultations (首问负责), second-correction approvals (一次性告知), seal ledger, bad-review rectification items.
ALTER TABLE "cases" ADD COLUMN "Channel" TEXT NOT NULL DEFAULT 'Window';
ALTER TABLE "cases" ADD COLUMN "EscalatedToBackup" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "case_history" ADD COLUMN "ActingForId" TEXT NULL;
CREATE INDEX "IX_case_history_ActingForId_At" ON "case_history" ("ActingForId", "At");
CREATE TABLE "case_authorisations" (
    "CaseId" TEXT NOT NULL CONSTRAINT "PK_case_authorisations" PRIMARY KEY,
    "Agent" TEXT NOT NULL,
    "Scope" TEXT NOT NULL,
    "SignedOn" TEXT NOT NULL,
    "Channel" TEXT NOT NULL,
    "RecordedBy" TEXT NOT NULL,
    "RecordedAt" INTEGER NOT NULL
);
CREATE TABLE "consultations" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_consultations" PRIMARY KEY,
    "StaffId" TEXT NOT NULL,
    "JurisdictionId" TEXT NOT NULL,
    "ItemCode" TEXT NOT NULL,
    "ItemVersion" INTEGER NOT NULL,
    "Channel" TEXT NOT NULL,
    "Materials" TEXT NOT NULL,
    "PromisedWorkingDays" INTEGER NOT NULL,
    "PromisedDueAt" INTEGER NOT NULL,
    "PromisedProvisional" INTEGER NOT NULL,
    "Note" TEXT NULL,
    "At" INTEGER NOT NULL,
    "CaseId" TEXT NULL
);
CREATE TABLE "correction_approvals" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_correction_approvals" PRIMARY KEY,
    "CaseId" TEXT NOT NULL,
    "JurisdictionId" TEXT NOT NULL,
    "ApprovedBy" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "ApprovedAt" INTEGER NOT NULL,
    "UsedAt" INTEGER NULL
);
CREATE TABLE "post_absences" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_post_absences" PRIMARY KEY,
    "PostId" TEXT NOT NULL,
    "StaffId" TEXT NOT NULL,
    "From" TEXT NOT NULL,
    "To" TEXT NOT NULL,
    "CoverStaffId" TEXT NULL,
    "RegisteredBy" TEXT NOT NULL,
    "RegisteredAt" INTEGER NOT NULL
);
CREATE TABLE "rectification_items" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_rectification_items" PRIMARY KEY,
    "CaseId" TEXT NOT NULL,
    "CaseNumber" TEXT NOT NULL,
    "Level" INTEGER NOT NULL,
    "JurisdictionId" TEXT NOT NULL,
    "PostId" TEXT NOT NULL,
    "OpenedAt" INTEGER NOT NULL,
    "ContactDueAt" INTEGER NOT NULL,
    "RectifyDueAt" INTEGER NOT NULL,
    "ContactedAt" INTEGER NULL,
    "ContactNote" TEXT NULL,
    "RectifiedAt" INTEGER NULL,
    "RectificationNote" TEXT NULL,
    "RevisitedAt" INTEGER NULL,
    "RevisitSatisfied" INTEGER NULL,
    "RevisitNote" TEXT NULL,
    "Version" INTEGER NOT NULL
);
CREATE TABLE "seal_uses" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_seal_uses" PRIMARY KEY,
    "CaseId" TEXT NOT NULL,
    "JurisdictionId" TEXT NOT NULL,
    "Seal" TEXT NOT NULL,
    "Document" TEXT NOT NULL,
    "UsedBy" TEXT NOT NULL,
    "UsedAt" INTEGER NOT NULL
);
CREATE INDEX "IX_consultations_CaseId" ON "consultations" ("CaseId");
CREATE INDEX "IX_consultations_StaffId_At" ON "consultations" ("StaffId", "At");
CREATE INDEX "IX_correction_approvals_CaseId" ON "correction_approvals" ("CaseId");
CREATE INDEX "IX_correction_approvals_JurisdictionId" ON "correction_approvals" ("JurisdictionId");
CREATE INDEX "IX_post_absences_CoverStaffId_To" ON "post_absences" ("CoverStaffId", "To");
CREATE INDEX "IX_post_absences_PostId_To" ON "post_absences" ("PostId", "To");
CREATE INDEX "IX_post_absences_StaffId_To" ON "post_absences" ("StaffId", "To");
CREATE INDEX "IX_rectification_items_CaseId" ON "rectification_items" ("CaseId");
CREATE INDEX "IX_rectification_items_JurisdictionId_RevisitedAt" ON "rectification_items" ("JurisdictionId", "RevisitedAt");
CREATE INDEX "IX_seal_uses_CaseId" ON "seal_uses" ("CaseId");
CREATE INDEX "IX_seal_uses_JurisdictionId_UsedAt" ON "seal_uses" ("JurisdictionId", "UsedAt");
