-- Routes as data (issue 12): tasks of assisting branches (并联办理) beside the case's own state, and the end of a
-- timer node's wait (公示) on the case.
ALTER TABLE cases ADD "WaitUntil" timestamp with time zone;
CREATE TABLE case_tasks (
    "Id" uuid NOT NULL,
    "CaseId" uuid NOT NULL,
    "Fork" character varying(40) NOT NULL,
    "Node" character varying(40) NOT NULL,
    "Participant" character varying(60) NOT NULL,
    "Role" character varying(30) NOT NULL,
    "JurisdictionId" character varying(40) NOT NULL,
    "PostId" character varying(60),
    "Status" character varying(20) NOT NULL,
    "OpenedAt" timestamp with time zone NOT NULL,
    "ReceivedAt" timestamp with time zone,
    "StageLimitDays" integer,
    "DueAt" timestamp with time zone,
    "YellowAt" timestamp with time zone,
    "CompletedAt" timestamp with time zone,
    "CompletedBy" character varying(60),
    "Agrees" boolean,
    "Opinion" character varying(500),
    CONSTRAINT "PK_case_tasks" PRIMARY KEY ("Id")
);
CREATE UNIQUE INDEX "IX_case_tasks_CaseId_Node" ON case_tasks ("CaseId", "Node");
CREATE INDEX "IX_case_tasks_PostId_Status" ON case_tasks ("PostId", "Status");
