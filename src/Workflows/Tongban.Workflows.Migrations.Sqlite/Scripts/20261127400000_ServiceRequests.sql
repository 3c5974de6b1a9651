-- The resident's side (issue 14): grids with their grid-worker posts, online requests with a call-back limit, and
-- collections at home by the grid worker.
CREATE TABLE "grids" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_grids" PRIMARY KEY,
    "CommunityId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "PostId" TEXT NOT NULL
);
CREATE INDEX "IX_grids_CommunityId" ON "grids" ("CommunityId");
CREATE INDEX "IX_grids_PostId" ON "grids" ("PostId");
CREATE TABLE "service_requests" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_service_requests" PRIMARY KEY,
    "Reference" TEXT NOT NULL,
    "CommunityId" TEXT NOT NULL,
    "GridId" TEXT NULL,
    "ItemCode" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Phone" TEXT NOT NULL,
    "PreferredTime" TEXT NULL,
    "Address" TEXT NULL,
    "ConsentAt" INTEGER NOT NULL,
    "SubmittedAt" INTEGER NOT NULL,
    "CallBackDueAt" INTEGER NOT NULL,
    "AddressHash" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "Outcome" TEXT NULL,
    "CallBackBy" TEXT NULL,
    "CallBackAt" INTEGER NULL,
    "CallBackNote" TEXT NULL,
    "ConsultationId" TEXT NULL,
    "CaseId" TEXT NULL,
    "Version" INTEGER NOT NULL
);
CREATE UNIQUE INDEX "IX_service_requests_Reference" ON "service_requests" ("Reference");
CREATE INDEX "IX_service_requests_CommunityId_SubmittedAt" ON "service_requests" ("CommunityId", "SubmittedAt");
CREATE INDEX "IX_service_requests_AddressHash_SubmittedAt" ON "service_requests" ("AddressHash", "SubmittedAt");
CREATE INDEX "IX_service_requests_CaseId" ON "service_requests" ("CaseId");
CREATE TABLE "collection_tasks" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_collection_tasks" PRIMARY KEY,
    "RequestId" TEXT NOT NULL,
    "GridId" TEXT NOT NULL,
    "PostId" TEXT NOT NULL,
    "AssignedStaffId" TEXT NOT NULL,
    "AppointmentAt" INTEGER NOT NULL,
    "Address" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "Done" INTEGER NOT NULL,
    "Collected" TEXT NOT NULL,
    "CollectedBy" TEXT NULL,
    "CollectedAt" INTEGER NULL,
    "Note" TEXT NULL,
    "Version" INTEGER NOT NULL
);
CREATE UNIQUE INDEX "IX_collection_tasks_RequestId" ON "collection_tasks" ("RequestId");
CREATE INDEX "IX_collection_tasks_PostId_Done_AppointmentAt" ON "collection_tasks" ("PostId", "Done", "AppointmentAt");
CREATE INDEX "IX_collection_tasks_AssignedStaffId_Done" ON "collection_tasks" ("AssignedStaffId", "Done");
