CREATE TABLE "cases" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_cases" PRIMARY KEY,
    "Number" TEXT NOT NULL,
    "ItemVersionId" TEXT NOT NULL,
    "ItemCode" TEXT NOT NULL,
    "ItemVersion" INTEGER NOT NULL,
    "DefinitionId" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "Mode" TEXT NOT NULL,
    "IntakeCommunityId" TEXT NOT NULL,
    "RegistrationTownshipId" TEXT NOT NULL,
    "CurrentPostId" TEXT NULL,
    "ApplicantName" TEXT NOT NULL,
    "ApplicantIdNumber" TEXT NOT NULL,
    "ApplicantPhone" TEXT NOT NULL,
    "MaterialsHandedIn" TEXT NOT NULL,
    "MissingMaterials" TEXT NOT NULL,
    "CorrectionRounds" INTEGER NOT NULL,
    "Approved" INTEGER NULL,
    "DecisionText" TEXT NULL,
    "DeliveryMethod" TEXT NULL,
    "EvaluationLevel" INTEGER NULL,
    "FirstContactStaffId" TEXT NOT NULL,
    "OpenedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "ClosedAt" INTEGER NULL,
    "TraceParent" TEXT NULL,
    "Version" INTEGER NOT NULL
);


CREATE TABLE "data_protection_keys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_data_protection_keys" PRIMARY KEY AUTOINCREMENT,
    "FriendlyName" TEXT NULL,
    "Xml" TEXT NOT NULL
);


CREATE TABLE "inbox" (
    "MessageId" TEXT NOT NULL,
    "Consumer" TEXT NOT NULL,
    "ProcessedAt" INTEGER NOT NULL,
    CONSTRAINT "PK_inbox" PRIMARY KEY ("MessageId", "Consumer")
);


CREATE TABLE "item_versions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_item_versions" PRIMARY KEY,
    "Code" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "PinyinInitials" TEXT NOT NULL,
    "IsCurrent" INTEGER NOT NULL,
    "ContentHash" TEXT NOT NULL,
    "Spec" TEXT NOT NULL,
    "DefinitionId" TEXT NOT NULL,
    "Definition" TEXT NOT NULL,
    "ImportedAt" INTEGER NOT NULL
);


CREATE TABLE "jurisdictions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_jurisdictions" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "ParentId" TEXT NULL,
    "Code" TEXT NOT NULL
);


CREATE TABLE "monitored_cases" (
    "CaseId" TEXT NOT NULL CONSTRAINT "PK_monitored_cases" PRIMARY KEY,
    "CaseNumber" TEXT NOT NULL,
    "ItemCode" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "HolderPostId" TEXT NULL,
    "IntakeCommunityId" TEXT NOT NULL,
    "RegistrationTownshipId" TEXT NOT NULL,
    "LastSequence" INTEGER NOT NULL,
    "LastTransitionAt" INTEGER NOT NULL,
    "Transitions" INTEGER NOT NULL
);


CREATE TABLE "outbox" (
    "Sequence" INTEGER NOT NULL CONSTRAINT "PK_outbox" PRIMARY KEY AUTOINCREMENT,
    "MessageId" TEXT NOT NULL,
    "MessageType" TEXT NOT NULL,
    "Destination" TEXT NULL,
    "Body" TEXT NOT NULL,
    "TraceParent" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "LockedBy" TEXT NULL,
    "LockedUntil" INTEGER NULL,
    "DispatchedAt" INTEGER NULL,
    "Attempts" INTEGER NOT NULL
);


CREATE TABLE "posts" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_posts" PRIMARY KEY,
    "JurisdictionId" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "PrimaryHolderId" TEXT NOT NULL,
    "BackupHolderId" TEXT NOT NULL,
    "UnitHeadId" TEXT NOT NULL
);


CREATE TABLE "staff" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_staff" PRIMARY KEY,
    "DisplayName" TEXT NOT NULL,
    "PasswordHash" TEXT NOT NULL,
    "Roles" TEXT NOT NULL
);


CREATE TABLE "case_history" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_case_history" PRIMARY KEY,
    "CaseId" TEXT NOT NULL,
    "Sequence" INTEGER NOT NULL,
    "Action" TEXT NOT NULL,
    "FromState" TEXT NOT NULL,
    "ToState" TEXT NOT NULL,
    "ActorId" TEXT NOT NULL,
    "ActorName" TEXT NOT NULL,
    "PostId" TEXT NOT NULL,
    "JurisdictionId" TEXT NOT NULL,
    "At" INTEGER NOT NULL,
    "Detail" TEXT NULL,
    "MessageId" TEXT NULL,
    CONSTRAINT "FK_case_history_cases_CaseId" FOREIGN KEY ("CaseId") REFERENCES "cases" ("Id") ON DELETE CASCADE
);


CREATE UNIQUE INDEX "IX_case_history_CaseId_Sequence" ON "case_history" ("CaseId", "Sequence");


CREATE INDEX "IX_cases_CurrentPostId" ON "cases" ("CurrentPostId");


CREATE INDEX "IX_cases_FirstContactStaffId" ON "cases" ("FirstContactStaffId");


CREATE UNIQUE INDEX "IX_cases_Number" ON "cases" ("Number");


CREATE INDEX "IX_inbox_ProcessedAt" ON "inbox" ("ProcessedAt");


CREATE UNIQUE INDEX "IX_item_versions_Code_Version" ON "item_versions" ("Code", "Version");


CREATE INDEX "IX_monitored_cases_RegistrationTownshipId_State" ON "monitored_cases" ("RegistrationTownshipId", "State");


CREATE INDEX "IX_outbox_DispatchedAt_Sequence" ON "outbox" ("DispatchedAt", "Sequence");


CREATE UNIQUE INDEX "IX_outbox_MessageId" ON "outbox" ("MessageId");


CREATE INDEX "IX_posts_BackupHolderId" ON "posts" ("BackupHolderId");


CREATE INDEX "IX_posts_PrimaryHolderId" ON "posts" ("PrimaryHolderId");



