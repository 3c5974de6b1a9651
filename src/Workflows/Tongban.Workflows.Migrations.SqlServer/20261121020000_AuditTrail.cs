using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Migrations.SqlServer;

/// <summary>The audit trail's table and the triggers that keep it append-only and retained (not in the EF model).</summary>
[DbContext(typeof(TongbanDbContext))]
[Migration("20261121020000_AuditTrail")]
public sealed class AuditTrail : SqlScriptMigration;
