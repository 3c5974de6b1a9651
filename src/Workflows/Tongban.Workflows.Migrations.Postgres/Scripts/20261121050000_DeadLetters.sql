-- Dead letters (issue 6): hand-offs that failed after every retry, recorded from MassTransit's Fault<HandOffCase>
-- for the bureau and the administrator to see and replay.
CREATE TABLE dead_letters (
    "Id" uuid NOT NULL,
    "MessageId" uuid NOT NULL,
    "MessageType" character varying(200) NOT NULL,
    "DestinationQueue" character varying(200) NOT NULL,
    "Body" text NOT NULL,
    "CaseId" uuid NOT NULL,
    "ExceptionType" character varying(200) NOT NULL,
    "ExceptionMessage" character varying(1000) NOT NULL,
    "FaultedAt" timestamp with time zone NOT NULL,
    "FaultedOn" character varying(200) NOT NULL,
    "FaultCount" integer NOT NULL,
    "Status" character varying(20) NOT NULL,
    "ReplayedAt" timestamp with time zone,
    "ReplayedBy" character varying(60),
    "ReplayCount" integer NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_dead_letters" PRIMARY KEY ("Id")
);
CREATE INDEX "IX_dead_letters_CaseId" ON dead_letters ("CaseId");
CREATE UNIQUE INDEX "IX_dead_letters_MessageId" ON dead_letters ("MessageId");
CREATE INDEX "IX_dead_letters_Status_FaultedAt" ON dead_letters ("Status", "FaultedAt");
