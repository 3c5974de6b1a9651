using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Migrations.SqlServer;

/// <summary>Migration plans of running cases (route_migration_plans) and their per-case rows (route_migration_cases).</summary>
[DbContext(typeof(TongbanDbContext))]
[Migration("20261127610000_RouteMigrations")]
public sealed class RouteMigrations : SqlScriptMigration;
