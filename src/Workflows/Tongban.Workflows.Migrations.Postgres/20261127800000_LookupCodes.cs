using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Migrations.Postgres;

/// <summary>The resident's side: the one-time lookup code of a case (resident_lookup_codes), only a keyed hash of the digits.</summary>
[DbContext(typeof(TongbanDbContext))]
[Migration("20261127800000_LookupCodes")]
public sealed class LookupCodes : SqlScriptMigration;
