using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Clocks;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Runtime.Clocks;

/// <summary>
/// Keeps a case's timers in step with its deadlines (<see cref="DeadlineTimers"/>), in the same unit of work as the
/// change: timers whose instant is still wanted stay, the others go, missing ones are added. A timer that already
/// fired for the same instant is not added again, so a reminder is never sent twice for one deadline.
/// </summary>
public static class TimerSchedule
{
    public const string Overall = DeadlineTimers.Overall;
    public const string Promise = DeadlineTimers.Promise;

    public static async Task RescheduleAsync(TongbanDbContext db, Guid caseId, IReadOnlyList<DeadlineTimer> timers, DateTimeOffset now, CancellationToken ct)
    {
        var wanted = timers.Select(t => (Kind: KindOf(t.Kind), t.Scope, t.DueAt)).ToList();
        var existing = await db.Timers.Where(t => t.CaseId == caseId && t.Kind != TimerKind.Escalation).ToListAsync(ct);

        foreach (var timer in existing.Where(t => t.FiredAt is null && !wanted.Contains((t.Kind, t.Scope, t.DueAt))))
        {
            db.Timers.Remove(timer);
        }

        foreach (var (kind, scope, dueAt) in wanted.Where(w => !existing.Any(t => (t.Kind, t.Scope, t.DueAt) == w)))
        {
            db.Timers.Add(new CaseTimer { Id = Guid.CreateVersion7(now), CaseId = caseId, Kind = kind, Scope = scope, DueAt = dueAt, CreatedAt = now });
        }
    }

    private static TimerKind KindOf(DeadlineTimerKind kind) => kind switch
    {
        DeadlineTimerKind.Yellow => TimerKind.Yellow,
        DeadlineTimerKind.Red => TimerKind.Red,
        DeadlineTimerKind.PromiseDue => TimerKind.PromiseDue,
        DeadlineTimerKind.WaitOver => TimerKind.WaitOver,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
