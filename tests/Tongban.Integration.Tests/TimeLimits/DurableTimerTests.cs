using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tongban.Integration.Tests.Infrastructure;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Catalog;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Hosting;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Integration.Tests.TimeLimits;

/// <summary>
/// Timers live in the database (PostgreSQL; SQL Server when TONGBAN_TEST_SQLSERVER names one): they fire after a restart, catch up on what fell due while no node ran, and fire
/// exactly once with several nodes sweeping. Each "node" is a host of its own with its own connections and
/// sweeper, sharing the database and one injected clock.
/// </summary>
public abstract class DurableTimerTestsBase(string provider) : IAsyncLifetime
{
    private TestDatabase? _database;
    private readonly ManualClock _clock = new(ManualClock.Shanghai(2026, 11, 23));
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider, "timers");
        _connectionString = _database.ConnectionString!;
        using var setup = Node();
        await DatabaseSetup.RunAsync(setup.Services, new(Migrate: true, ImportCatalog: true, SeedDemo: true));
    }

    public async Task DisposeAsync()
    {
        if (_database is not null) await _database.DisposeAsync();
    }

    protected async Task Yellow_and_red_with_the_node_stopped_in_between_give_one_reminder_and_one_supervision_item_also_with_two_nodesAsync()
    {
        // 高龄津贴 opened Mon 23 Nov 09:00: 15 working days, due end of Mon 14 Dec; yellow after two thirds
        // (10 working days: end of Mon 7 Dec).
        var id = await OpenCasesAsync(1);

        using (var first = Node())
        {
            await first.StartAsync();
            _clock.Set(ManualClock.Shanghai(2026, 12, 8, 10));
            await WaitForAsync(() => CountAsync(db => db.Reminders.Where(r => r.Scope == TimerSchedule.Overall)), 1);
            await first.StopAsync();
        }

        // Nobody runs while the deadline passes.
        _clock.Set(ManualClock.Shanghai(2026, 12, 15, 10));
        await Task.Delay(500);
        Assert.Equal(0, await CountAsync(db => db.SupervisionItems));

        // Two nodes come up together and both catch up on the missed expiry.
        using var second = Node();
        using var third = Node();
        await Task.WhenAll(second.StartAsync(), third.StartAsync());
        await WaitForAsync(() => CountAsync(db => db.SupervisionItems), 1);
        await Task.Delay(1000); // ten more sweep rounds on each node

        Assert.Equal(1, await CountAsync(db => db.Reminders.Where(r => r.Scope == TimerSchedule.Overall)));
        Assert.Equal(1, await CountAsync(db => db.SupervisionItems.Where(s => s.Scope == TimerSchedule.Overall)));
        await using var db = Db();
        var item = await db.SupervisionItems.SingleAsync();
        Assert.Equal("dongmen", item.JurisdictionId); // the case is still in transit from the window (no bus here)
        Assert.Equal(ManualClock.Shanghai(2026, 12, 14, 23, 59).AddSeconds(59), item.DueAt);
        Assert.NotNull((await db.Cases.SingleAsync(c => c.Id == id[0])).OverdueAt);
        Assert.Equal(1, await db.Timers.CountAsync(t => t.Kind == TimerKind.Escalation && t.FiredAt == null));

        await Task.WhenAll(second.StopAsync(), third.StopAsync());
    }

    protected async Task Two_nodes_sweeping_hundreds_of_due_timers_fire_each_exactly_once_and_escalate_after_five_working_daysAsync()
    {
        const int cases = 300;
        await OpenCasesAsync(cases);
        using var a = Node();
        using var b = Node();
        await Task.WhenAll(a.StartAsync(), b.StartAsync());

        _clock.Set(ManualClock.Shanghai(2026, 12, 15, 10)); // past yellow and red at once
        await WaitForAsync(() => CountAsync(db => db.SupervisionItems), cases);
        await WaitForAsync(() => CountAsync(db => db.Reminders), cases);

        // Five working days after supervision opened (Tue 15 Dec): 16, 17, 18, 21, 22 → end of Tue 22 Dec.
        _clock.Set(ManualClock.Shanghai(2026, 12, 23, 10));
        await WaitForAsync(() => CountAsync(db => db.SupervisionItems.Where(s => s.Level == SupervisionLevel.Escalated)), cases);
        await Task.Delay(500);

        await using var db = Db();
        Assert.Equal(cases, await db.Reminders.CountAsync());
        Assert.Equal(cases, await db.SupervisionItems.CountAsync());
        Assert.Equal(cases, await db.Reminders.Select(r => r.CaseId).Distinct().CountAsync());
        Assert.Equal(0, await db.Timers.CountAsync(t => t.FiredAt == null && t.DueAt <= _clock.GetUtcNow()));
        await Task.WhenAll(a.StopAsync(), b.StopAsync());
    }

    protected async Task One_node_with_several_sweep_workers_fires_each_due_timer_exactly_onceAsync()
    {
        const int cases = 300;
        await OpenCasesAsync(cases);
        // Small batches, so four workers claim side by side many times over.
        using var node = Node(("TimeLimits:SweepWorkers", "4"), ("TimeLimits:SweepBatchSize", "25"));
        await node.StartAsync();

        _clock.Set(ManualClock.Shanghai(2026, 12, 15, 10)); // past yellow and red at once: 600 timers
        await WaitForAsync(() => CountAsync(db => db.SupervisionItems), cases);
        await WaitForAsync(() => CountAsync(db => db.Reminders), cases);
        await Task.Delay(500);

        await using var db = Db();
        Assert.Equal(cases, await db.Reminders.CountAsync());
        Assert.Equal(cases, await db.Reminders.Select(r => r.TimerId).Distinct().CountAsync());
        Assert.Equal(cases, await db.SupervisionItems.Select(s => s.TimerId).Distinct().CountAsync());
        Assert.Equal(cases, await db.SupervisionItems.CountAsync());
        Assert.Equal(0, await db.Timers.CountAsync(t => t.FiredAt == null && t.DueAt <= _clock.GetUtcNow()));
        await node.StopAsync();
    }

    private async Task<List<Guid>> OpenCasesAsync(int count)
    {
        using var host = Node();
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        var workflow = scope.ServiceProvider.GetRequiredService<CaseWorkflow>();
        var clerk = new Actor("dongmen.clerk", "王丽", [new PostAssignment("dongmen-window", "dongmen", PostRole.WindowClerk)]);
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var result = await workflow.OpenAsync(new OpenCase("QS-MZ-001", CaseMode.ProxyIntake, "测试", StaffClient.ValidIdNumber, StaffClient.ValidPhone, "hexi", ["ID", "HUKOU", "FORM"]), clerk, CancellationToken.None);
            ids.Add(Assert.IsType<WorkflowResult.Done>(result).Case.Id);
            if (i % 50 == 49 || i == count - 1) await db.SaveChangesAsync();
        }

        return ids;
    }

    private IHost Node(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:Tongban"] = _connectionString,
            ["TimeLimits:SweepInterval"] = "00:00:00.100",
            ["Catalog:Path"] = RepoPaths.Data("catalog.json"),
            ["Calendars:Path"] = RepoPaths.Data("calendars"),
            ["Routes:Directory"] = RepoPaths.Data("routes"),
            // The demo county's departments (县残联, 县民政局), as the gateway's appsettings.json lists them.
            ["Routes:Departments:0"] = "cjl",
            ["Routes:Departments:1"] = "mzj",
            ["Demo:CountyPath"] = RepoPaths.Data("demo-county.json"),
        });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddWorkflowRuntime(builder.Configuration);
        builder.Services.AddSingleton<TimeProvider>(_clock);
        return builder.Build();
    }

    private TongbanDbContext Db() => Context(provider, _connectionString);

    private static TongbanDbContext Context(string provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<TongbanDbContext>();
        options.Use(provider, connectionString);
        return new(options.Options);
    }

    private async Task<int> CountAsync<T>(Func<TongbanDbContext, IQueryable<T>> query)
    {
        await using var db = Db();
        return await query(db).CountAsync();
    }

    private static async Task WaitForAsync(Func<Task<int>> count, int expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        int seen;
        while ((seen = await count()) < expected)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"saw {seen} of {expected}");
            await Task.Delay(100);
        }

        Assert.Equal(expected, seen);
    }
}

/// <summary>On PostgreSQL.</summary>
public sealed class DurableTimerTests() : DurableTimerTestsBase("Postgres")
{
    [Fact]
    public Task Yellow_and_red_with_the_node_stopped_in_between_give_one_reminder_and_one_supervision_item_also_with_two_nodes() => Yellow_and_red_with_the_node_stopped_in_between_give_one_reminder_and_one_supervision_item_also_with_two_nodesAsync();

    [Fact]
    public Task Two_nodes_sweeping_hundreds_of_due_timers_fire_each_exactly_once_and_escalate_after_five_working_days() => Two_nodes_sweeping_hundreds_of_due_timers_fire_each_exactly_once_and_escalate_after_five_working_daysAsync();

    [Fact]
    public Task One_node_with_several_sweep_workers_fires_each_due_timer_exactly_once() => One_node_with_several_sweep_workers_fires_each_due_timer_exactly_onceAsync();
}

/// <summary>On SQL Server, when TONGBAN_TEST_SQLSERVER names one.</summary>
public sealed class DurableTimerSqlServerTests() : DurableTimerTestsBase("SqlServer")
{
    [SqlServerFact]
    public Task Yellow_and_red_with_the_node_stopped_in_between_give_one_reminder_and_one_supervision_item_also_with_two_nodes() => Yellow_and_red_with_the_node_stopped_in_between_give_one_reminder_and_one_supervision_item_also_with_two_nodesAsync();

    [SqlServerFact]
    public Task Two_nodes_sweeping_hundreds_of_due_timers_fire_each_exactly_once_and_escalate_after_five_working_days() => Two_nodes_sweeping_hundreds_of_due_timers_fire_each_exactly_once_and_escalate_after_five_working_daysAsync();

    [SqlServerFact]
    public Task One_node_with_several_sweep_workers_fires_each_due_timer_exactly_once() => One_node_with_several_sweep_workers_fires_each_due_timer_exactly_onceAsync();
}
