using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Migrations.Postgres;

/// <summary>The resident's side: milestone notices (resident_notices) and the opt-out on the case.</summary>
[DbContext(typeof(TongbanDbContext))]
[Migration("20261127310000_ResidentNotices")]
public sealed class ResidentNotices : SqlScriptMigration;
