-- Routes as data (issue 12): migration plans of running cases (source and target route versions, node mapping)
-- and what each plan does to each case (the dry run's move or refusal, then moved or conflict).
CREATE TABLE "route_migration_cases" (
    "PlanId" TEXT NOT NULL,
    "CaseId" TEXT NOT NULL,
    "Number" TEXT NOT NULL,
    "CaseVersion" INTEGER NOT NULL,
    "FromState" TEXT NOT NULL,
    "ToState" TEXT NULL,
    "Status" TEXT NOT NULL,
    "Reason" TEXT NULL,
    "At" INTEGER NOT NULL,
    CONSTRAINT "PK_route_migration_cases" PRIMARY KEY ("PlanId", "CaseId")
);
CREATE TABLE "route_migration_plans" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_route_migration_plans" PRIMARY KEY,
    "SourceRoute" TEXT NOT NULL,
    "TargetRoute" TEXT NOT NULL,
    "Mapping" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "DryRunAt" INTEGER NOT NULL,
    "ExecutedAt" INTEGER NULL
);
