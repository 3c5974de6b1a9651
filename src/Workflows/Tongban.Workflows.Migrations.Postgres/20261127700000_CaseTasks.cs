using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Migrations.Postgres;

/// <summary>Routes as data: branch tasks of parallel handling (case_tasks) and the timer node's wait on the case.</summary>
[DbContext(typeof(TongbanDbContext))]
[Migration("20261127700000_CaseTasks")]
public sealed class CaseTasks : SqlScriptMigration;
