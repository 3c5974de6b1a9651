using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Migrations.SqlServer;

/// <summary>Issue 6: dead letters — hand-offs that failed after every retry, for the bureau to see and replay.</summary>
[DbContext(typeof(TongbanDbContext))]
[Migration("20261121050000_DeadLetters")]
public sealed class DeadLetters : SqlScriptMigration;
