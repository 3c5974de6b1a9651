-- Routes as data (issue 12): migration plans of running cases (source and target route versions, node mapping)
-- and what each plan does to each case (the dry run's move or refusal, then moved or conflict).
CREATE TABLE route_migration_cases (
    "PlanId" uuid NOT NULL,
    "CaseId" uuid NOT NULL,
    "Number" character varying(32) NOT NULL,
    "CaseVersion" integer NOT NULL,
    "FromState" character varying(40) NOT NULL,
    "ToState" character varying(40),
    "Status" character varying(20) NOT NULL,
    "Reason" character varying(300),
    "At" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_route_migration_cases" PRIMARY KEY ("PlanId", "CaseId")
);
CREATE TABLE route_migration_plans (
    "Id" uuid NOT NULL,
    "SourceRoute" character varying(50) NOT NULL,
    "TargetRoute" character varying(50) NOT NULL,
    "Mapping" text NOT NULL,
    "CreatedBy" character varying(80) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "DryRunAt" timestamp with time zone NOT NULL,
    "ExecutedAt" timestamp with time zone,
    CONSTRAINT "PK_route_migration_plans" PRIMARY KEY ("Id")
);
