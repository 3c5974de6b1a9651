-- The resident's side (issue 14): milestone notices in a notification outbox, staged with the milestone and sent
-- by a relay; a resident may opt out at intake.
ALTER TABLE cases ADD "NoticesOptedOut" boolean NOT NULL DEFAULT FALSE;
CREATE TABLE resident_notices (
    "Id" uuid NOT NULL,
    "CaseId" uuid NOT NULL,
    "Sequence" integer NOT NULL,
    "Milestone" character varying(30) NOT NULL,
    "CommunityId" character varying(40) NOT NULL,
    "Phone" character varying(20) NOT NULL,
    "Text" character varying(1000) NOT NULL,
    "Parameters" character varying(2000) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "Status" character varying(20) NOT NULL,
    "Attempts" integer NOT NULL,
    "NextAttemptAt" timestamp with time zone NOT NULL,
    "LeaseUntil" timestamp with time zone,
    "SentAt" timestamp with time zone,
    "Channel" character varying(20),
    "DeliveryStatus" character varying(200),
    "LastError" character varying(500),
    CONSTRAINT "PK_resident_notices" PRIMARY KEY ("Id")
);
CREATE UNIQUE INDEX "IX_resident_notices_CaseId_Sequence_Milestone" ON resident_notices ("CaseId", "Sequence", "Milestone");
CREATE INDEX "IX_resident_notices_CommunityId_CreatedAt" ON resident_notices ("CommunityId", "CreatedAt");
CREATE INDEX "IX_resident_notices_Status_NextAttemptAt" ON resident_notices ("Status", "NextAttemptAt");
