using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Migrations.SqlServer;

/// <summary>Issue 3: the sweeper's index holds unfired timers only, ordered by due time.</summary>
[DbContext(typeof(TongbanDbContext))]
[Migration("20261122010000_TimerQueueIndex")]
public sealed class TimerQueueIndex : SqlScriptMigration;
