using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Migrations.Sqlite;

/// <summary>The audit sealer's work list: unsealed records by Sequence, so a round starts where it needs to.</summary>
[DbContext(typeof(TongbanDbContext))]
[Migration("20261129200000_AuditUnsealedIndex")]
public sealed class AuditUnsealedIndex : SqlScriptMigration;
