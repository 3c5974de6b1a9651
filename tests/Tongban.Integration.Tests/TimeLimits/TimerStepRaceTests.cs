using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongban.Integration.Tests.Infrastructure;
using Tongban.UseCases;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Persistence;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.TimeLimits;

/// <summary>
/// A step and the stage's expiry at the same moment: the step has read the stage's red timer unfired when the sweeper
/// fires it (督办 opened, with its escalation timer). The step must not commit on that stale read — it would leave the
/// stage with the supervision item still open, to be escalated days later about work already done — but is staged
/// again from a fresh read, which closes the item, and the staff member's step goes through (no 409).
/// </summary>
public sealed class TimerStepRaceTests
{
    [Fact]
    public Task A_step_that_read_a_timer_the_sweeper_then_fired_closes_the_supervision_it_opened_on_sqlite() => RunAsync("Sqlite");

    [Fact]
    public Task A_step_that_read_a_timer_the_sweeper_then_fired_closes_the_supervision_it_opened_on_postgres() => RunAsync("Postgres");

    private static async Task RunAsync(string provider)
    {
        var clock = new ManualClock(ManualClock.Shanghai(2026, 11, 23));
        await using var database = await TestDatabase.CreateAsync(provider, "timerrace");
        // The sweeper's rounds are left to the test: it runs once at start, then not for an hour.
        await using var app = new EmbeddedApp { Clock = clock, Settings = { ["TimeLimits:SweepInterval"] = "01:00:00" } };
        foreach (var (key, value) in database.Settings) app.Settings[key] = value;
        var clerk = await app.LoginAsync("dongmen.clerk");
        var specialist = await app.LoginAsync("dongmen.specialist");
        var id = IdOf(await clerk.OpenCaseAsync());
        await specialist.WaitForStateAsync(id, "AtSpecialist");

        // Long past the specialist's stage limit. The forward reads the case and its timers; then, before it commits,
        // the sweeper fires the stage's red timer.
        clock.Set(ManualClock.Shanghai(2026, 12, 31, 10));
        var sweeper = app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<TimerSweeper>().Single();
        await using var scope = app.Services.CreateAsyncScope();
        var workflow = scope.ServiceProvider.GetRequiredService<CaseWorkflow>();
        var commit = scope.ServiceProvider.GetRequiredService<CaseCommit>();
        var actor = new Actor("dongmen.specialist", "通办专员", [new PostAssignment("dongmen-specialist", "dongmen", PostRole.Specialist)]);
        var stagings = 0;
        async Task<WorkflowResult> StageAsync()
        {
            var staged = await workflow.ApplyAsync(id, CaseAction.Forward, actor, ActionInput.None.Instance, expectedVersion: null, CancellationToken.None);
            if (++stagings == 1) Assert.True(await sweeper.SweepOnceAsync(CancellationToken.None) > 0);
            return staged;
        }

        var outcome = await commit.StepAsync(StageAsync, actor, id, "Forward", CancellationToken.None);

        Assert.True(outcome is Outcome<Case>.Ok, $"{outcome}");
        await using var check = app.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<TongbanDbContext>();
        var stageItems = await db.SupervisionItems.AsNoTracking().Where(s => s.CaseId == id && s.Scope != TimerSchedule.Overall).ToListAsync();
        Assert.NotEmpty(stageItems);
        Assert.All(stageItems, s => Assert.NotNull(s.ClosedAt));
        Assert.Equal(2, stagings);
    }
}
