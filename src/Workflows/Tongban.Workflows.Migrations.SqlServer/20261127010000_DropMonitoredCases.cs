using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Migrations.SqlServer;

/// <summary>Issue 10: the bureau's monitored_cases view was written by every transition and read by nothing.</summary>
[DbContext(typeof(TongbanDbContext))]
[Migration("20261127010000_DropMonitoredCases")]
public sealed class DropMonitoredCases : SqlScriptMigration;
