-- The resident's side (issue 14): grids with their grid-worker posts, online requests with a call-back limit, and
-- collections at home by the grid worker.
CREATE TABLE grids (
    "Id" character varying(40) NOT NULL,
    "CommunityId" character varying(40) NOT NULL,
    "Name" character varying(100) NOT NULL,
    "PostId" character varying(60) NOT NULL,
    CONSTRAINT "PK_grids" PRIMARY KEY ("Id")
);
CREATE INDEX "IX_grids_CommunityId" ON grids ("CommunityId");
CREATE INDEX "IX_grids_PostId" ON grids ("PostId");
CREATE TABLE service_requests (
    "Id" uuid NOT NULL,
    "Reference" character varying(32) NOT NULL,
    "CommunityId" character varying(40) NOT NULL,
    "GridId" character varying(40),
    "ItemCode" character varying(40) NOT NULL,
    "Name" character varying(100) NOT NULL,
    "Phone" character varying(20) NOT NULL,
    "PreferredTime" character varying(100),
    "Address" character varying(200),
    "ConsentAt" timestamp with time zone NOT NULL,
    "SubmittedAt" timestamp with time zone NOT NULL,
    "CallBackDueAt" timestamp with time zone NOT NULL,
    "AddressHash" character varying(64) NOT NULL,
    "State" character varying(30) NOT NULL,
    "Outcome" character varying(30),
    "CallBackBy" character varying(60),
    "CallBackAt" timestamp with time zone,
    "CallBackNote" character varying(500),
    "ConsultationId" uuid,
    "CaseId" uuid,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_service_requests" PRIMARY KEY ("Id")
);
CREATE UNIQUE INDEX "IX_service_requests_Reference" ON service_requests ("Reference");
CREATE INDEX "IX_service_requests_CommunityId_SubmittedAt" ON service_requests ("CommunityId", "SubmittedAt");
CREATE INDEX "IX_service_requests_AddressHash_SubmittedAt" ON service_requests ("AddressHash", "SubmittedAt");
CREATE INDEX "IX_service_requests_CaseId" ON service_requests ("CaseId");
CREATE TABLE collection_tasks (
    "Id" uuid NOT NULL,
    "RequestId" uuid NOT NULL,
    "GridId" character varying(40) NOT NULL,
    "PostId" character varying(60) NOT NULL,
    "AssignedStaffId" character varying(60) NOT NULL,
    "AppointmentAt" timestamp with time zone NOT NULL,
    "Address" character varying(200) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "Done" boolean NOT NULL,
    "Collected" text NOT NULL,
    "CollectedBy" character varying(60),
    "CollectedAt" timestamp with time zone,
    "Note" character varying(500),
    "Version" integer NOT NULL,
    CONSTRAINT "PK_collection_tasks" PRIMARY KEY ("Id")
);
CREATE UNIQUE INDEX "IX_collection_tasks_RequestId" ON collection_tasks ("RequestId");
CREATE INDEX "IX_collection_tasks_PostId_Done_AppointmentAt" ON collection_tasks ("PostId", "Done", "AppointmentAt");
CREATE INDEX "IX_collection_tasks_AssignedStaffId_Done" ON collection_tasks ("AssignedStaffId", "Done");
