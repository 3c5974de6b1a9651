using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongban.Integration.Tests.Infrastructure;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Persistence;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.TimeLimits;

/// <summary>
/// A stage change moves the stage's clocks: the timers of the stage left take the new stage's instants in their own
/// rows (an UPDATE, not a DELETE and an INSERT), and the moved timers still fire once, at their new instants.
/// </summary>
public sealed class TimerRescheduleTests
{
    [Fact]
    public Task A_stage_change_moves_the_stage_timers_in_place_and_they_fire_at_the_new_instants_on_sqlite() => RunAsync("Sqlite");

    [Fact]
    public Task A_stage_change_moves_the_stage_timers_in_place_and_they_fire_at_the_new_instants_on_postgres() => RunAsync("Postgres");

    private static async Task RunAsync(string provider)
    {
        var clock = new ManualClock(ManualClock.Shanghai(2026, 11, 23));
        await using var database = await TestDatabase.CreateAsync(provider, "timermove");
        await using var app = new EmbeddedApp { Clock = clock, Settings = { ["TimeLimits:SweepInterval"] = "01:00:00" } };
        foreach (var (key, value) in database.Settings) app.Settings[key] = value;
        var clerk = await app.LoginAsync("dongmen.clerk");
        var specialist = await app.LoginAsync("dongmen.specialist");
        var township = await app.LoginAsync("hexi.backoffice");
        var id = IdOf(await clerk.OpenCaseAsync());
        await specialist.WaitForStateAsync(id, "AtSpecialist");
        await specialist.DoAsync(id, "forward");
        await township.WaitForStateAsync(id, "AwaitingSignFor");
        var toSignFor = await StageTimersAsync(app, id);
        Assert.Equal(2, toSignFor.Count);

        clock.Advance(TimeSpan.FromHours(1));
        await township.DoAsync(id, "sign-for");
        var toAccept = await StageTimersAsync(app, id);

        // The sign-for stage's timers now hold the accept stage's instants: the same rows, each one version on.
        Assert.Equal(toSignFor.Select(t => t.Id).Order(), toAccept.Select(t => t.Id).Order());
        Assert.All(toAccept, t =>
        {
            var before = toSignFor.Single(s => s.Id == t.Id);
            Assert.Equal(before.Kind, t.Kind);
            Assert.NotEqual(before.Scope, t.Scope);
            Assert.True(t.DueAt > before.DueAt, $"{t.Kind} {before.DueAt} -> {t.DueAt}");
            Assert.Equal(before.Version + 1, t.Version);
        });

        // Past the moved timers' instants: each fires once, for the accept stage (催办, then 督办).
        clock.Set(toAccept.Max(t => t.DueAt).AddMinutes(1));
        var sweeper = app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<TimerSweeper>().Single();
        while (await sweeper.SweepOnceAsync(CancellationToken.None) > 0) { }
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
            var fired = await db.Timers.AsNoTracking().Where(t => t.CaseId == id && toAccept.Select(m => m.Id).Contains(t.Id)).ToListAsync();
            Assert.Equal(toAccept.Count, fired.Count);
            Assert.All(fired, t => Assert.NotNull(t.FiredAt));
            var stage = toAccept[0].Scope;
            var yellow = toAccept.Single(t => t.Kind == TimerKind.Yellow);
            var reminder = Assert.Single(await db.Reminders.AsNoTracking().Where(r => r.CaseId == id && r.TimerId == yellow.Id).ToListAsync());
            Assert.Equal(stage, reminder.Scope);
            Assert.Single(await db.SupervisionItems.AsNoTracking().Where(s => s.CaseId == id && s.Scope == stage).ToListAsync());
            Assert.Empty(await db.SupervisionItems.AsNoTracking().Where(s => s.CaseId == id && s.Scope == toSignFor[0].Scope).ToListAsync());
        }
    }

    /// <summary>The case's unfired timers of its current stage (not the overall clock, not escalations).</summary>
    private static async Task<List<CaseTimer>> StageTimersAsync(EmbeddedApp app, Guid id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        return await db.Timers.AsNoTracking()
            .Where(t => t.CaseId == id && t.FiredAt == null && t.Scope != TimerSchedule.Overall && t.Kind != TimerKind.Escalation)
            .ToListAsync();
    }
}
