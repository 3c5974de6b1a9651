using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Migrations.Postgres;

/// <summary>The special-groups register (特殊群体台账): special_group_members.</summary>
[DbContext(typeof(TongbanDbContext))]
[Migration("20261127510000_SpecialGroups")]
public sealed class SpecialGroups : SqlScriptMigration;
