using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Migrations.SqlServer;

/// <summary>Hardening 3/4: staff accounts can be disabled, and logout ends all of a person's sessions (session stamp).</summary>
[DbContext(typeof(TongbanDbContext))]
[Migration("20261127030000_StaffSessions")]
public sealed class StaffSessions : SqlScriptMigration;
