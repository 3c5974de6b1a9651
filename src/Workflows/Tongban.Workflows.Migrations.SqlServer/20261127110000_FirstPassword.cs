using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Migrations.SqlServer;

/// <summary>Hardening 7: a one-time first password must be changed at the next sign-in.</summary>
[DbContext(typeof(TongbanDbContext))]
[Migration("20261127110000_FirstPassword")]
public sealed class FirstPassword : SqlScriptMigration;
