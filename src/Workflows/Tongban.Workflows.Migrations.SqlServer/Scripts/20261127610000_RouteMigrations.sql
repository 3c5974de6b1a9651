-- Routes as data (issue 12): migration plans of running cases (source and target route versions, node mapping)
-- and what each plan does to each case (the dry run's move or refusal, then moved or conflict).
CREATE TABLE [route_migration_cases] (
    [PlanId] uniqueidentifier NOT NULL,
    [CaseId] uniqueidentifier NOT NULL,
    [Number] nvarchar(32) NOT NULL,
    [CaseVersion] int NOT NULL,
    [FromState] nvarchar(40) NOT NULL,
    [ToState] nvarchar(40) NULL,
    [Status] nvarchar(20) NOT NULL,
    [Reason] nvarchar(300) NULL,
    [At] datetimeoffset NOT NULL,
    CONSTRAINT [PK_route_migration_cases] PRIMARY KEY ([PlanId], [CaseId])
);
CREATE TABLE [route_migration_plans] (
    [Id] uniqueidentifier NOT NULL,
    [SourceRoute] nvarchar(50) NOT NULL,
    [TargetRoute] nvarchar(50) NOT NULL,
    [Mapping] nvarchar(max) NOT NULL,
    [CreatedBy] nvarchar(80) NOT NULL,
    [CreatedAt] datetimeoffset NOT NULL,
    [DryRunAt] datetimeoffset NOT NULL,
    [ExecutedAt] datetimeoffset NULL,
    CONSTRAINT [PK_route_migration_plans] PRIMARY KEY ([Id])
);
