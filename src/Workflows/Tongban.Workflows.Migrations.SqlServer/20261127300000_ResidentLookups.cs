using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Migrations.SqlServer;

/// <summary>The resident's side: the public progress lookup's record (resident_lookups).</summary>
[DbContext(typeof(TongbanDbContext))]
[Migration("20261127300000_ResidentLookups")]
public sealed class ResidentLookups : SqlScriptMigration;
