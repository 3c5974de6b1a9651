using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Migrations.Postgres;

/// <summary>Door-to-door appointments (预约上门): the days a community publishes (visit_slots) and the visits booked (visits).</summary>
[DbContext(typeof(TongbanDbContext))]
[Migration("20261127500000_Visits")]
public sealed class Visits : SqlScriptMigration;
