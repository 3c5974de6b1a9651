using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Migrations.SqlServer;

/// <summary>Issue 3: running counts per post, item and band for the bureau's county-wide view, and each case's counted band.</summary>
[DbContext(typeof(TongbanDbContext))]
[Migration("20261121040000_BureauCounts")]
public sealed class BureauCounts : SqlScriptMigration;
