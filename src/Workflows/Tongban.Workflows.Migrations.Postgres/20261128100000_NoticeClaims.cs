using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Migrations.Postgres;

/// <summary>Resident notices are claimed by a relay in batches: the claim's id (resident_notices.LeasedBy).</summary>
[DbContext(typeof(TongbanDbContext))]
[Migration("20261128100000_NoticeClaims")]
public sealed class NoticeClaims : SqlScriptMigration;
