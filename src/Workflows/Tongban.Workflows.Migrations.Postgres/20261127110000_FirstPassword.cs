using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Migrations.Postgres;

/// <summary>Hardening 7: a first password set by an administrator must be changed before the account can work.</summary>
[DbContext(typeof(TongbanDbContext))]
[Migration("20261127110000_FirstPassword")]
public sealed class FirstPassword : SqlScriptMigration;
