using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Migrations.Postgres;

/// <summary>The cases' index on CurrentPostId alone goes: the (CurrentPostId, EarliestDueAt) index serves every lookup by post.</summary>
[DbContext(typeof(TongbanDbContext))]
[Migration("20261129100000_DropCasesPostIndex")]
public sealed class DropCasesPostIndex : SqlScriptMigration;
