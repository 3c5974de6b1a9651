using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Migrations.SqlServer;

/// <summary>Issue 3: case clocks, holiday schedules, durable timers, reminders, supervision items, extensions, notifications.</summary>
[DbContext(typeof(TongbanDbContext))]
[Migration("20261121010000_TimeLimits")]
public sealed class TimeLimits : SqlScriptMigration;
