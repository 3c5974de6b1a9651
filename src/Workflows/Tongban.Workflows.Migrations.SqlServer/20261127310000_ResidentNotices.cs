using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Migrations.SqlServer;

/// <summary>The resident's side: milestone notices (resident_notices) and the opt-out flag on cases.</summary>
[DbContext(typeof(TongbanDbContext))]
[Migration("20261127310000_ResidentNotices")]
public sealed class ResidentNotices : SqlScriptMigration;
