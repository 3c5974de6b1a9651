using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Runtime.Clocks;

/// <summary>
/// Keeps a case's timers in step with its deadlines, in the same unit of work as the change: timers whose
/// instant is still wanted stay, the others go, missing ones are added. A timer that already fired for the
/// same instant is not added again, so a reminder is never sent twice for one deadline.
/// </summary>
public static class TimerSchedule
{
    public const string Overall = "overall";
    public const string Promise = "promise";

    public static async Task RescheduleAsync(TongbanDbContext db, Case c, DateTimeOffset now, CancellationToken ct)
    {
        var wanted = Wanted(c).ToList();
        var existing = await db.Timers.Where(t => t.CaseId == c.Id && t.Kind != TimerKind.Escalation).ToListAsync(ct);

        foreach (var timer in existing.Where(t => t.FiredAt is null && !wanted.Contains((t.Kind, t.Scope, t.DueAt))))
        {
            db.Timers.Remove(timer);
        }

        foreach (var (kind, scope, dueAt) in wanted.Where(w => !existing.Any(t => (t.Kind, t.Scope, t.DueAt) == w)))
        {
            db.Timers.Add(new CaseTimer { Id = Guid.CreateVersion7(now), CaseId = c.Id, Kind = kind, Scope = scope, DueAt = dueAt, CreatedAt = now });
        }
    }

    private static IEnumerable<(TimerKind Kind, string Scope, DateTimeOffset DueAt)> Wanted(Case c)
    {
        if (c.CompletedAt is not null) yield break;

        if (c.ClockStoppedAt is null && c.OverallDueAt is { } due)
        {
            if (c.OverallYellowAt is { } yellow && yellow < due) yield return (TimerKind.Yellow, Overall, yellow);
            yield return (TimerKind.Red, Overall, due);
        }

        if (c.Stage is { } stage && c.StageDueAt is { } stageDue)
        {
            if (c.StageYellowAt is { } yellow && yellow < stageDue) yield return (TimerKind.Yellow, stage, yellow);
            yield return (TimerKind.Red, stage, stageDue);
        }

        if (c.DeferredMaterials.Count > 0 && c.PromiseDueAt is { } promise) yield return (TimerKind.PromiseDue, Promise, promise);
    }
}
