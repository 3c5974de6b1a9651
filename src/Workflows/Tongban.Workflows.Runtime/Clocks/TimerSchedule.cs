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

    public static async Task RescheduleAsync(TongbanDbContext db, Guid caseId, IReadOnlyList<DeadlineTimer> timers, DateTimeOffset now, CancellationToken ct) =>
        Reschedule(db, caseId, await db.Timers.Where(t => t.CaseId == caseId).ToListAsync(ct), timers, now);

    /// <param name="caseTimers">Every timer of the case, as tracked in this unit of work (fired ones too).</param>
    public static void Reschedule(TongbanDbContext db, Guid caseId, IEnumerable<CaseTimer> caseTimers, IReadOnlyList<DeadlineTimer> timers, DateTimeOffset now)
    {
        var wanted = timers.Select(t => (Kind: KindOf(t.Kind), t.Scope, t.DueAt)).ToList();
        // Branch tasks' timers (出具意见, scope "opinion") follow their tasks, not the case's clocks: left alone here.
        var existing = caseTimers.Where(t => t.Kind != TimerKind.Escalation && t.Scope != Stages.Opinion).ToList();

        foreach (var timer in existing.Where(t => t.FiredAt is null && !wanted.Contains((t.Kind, t.Scope, t.DueAt))))
        {
            db.Timers.Remove(timer);
        }

        foreach (var (kind, scope, dueAt) in wanted.Where(w => !existing.Any(t => (t.Kind, t.Scope, t.DueAt) == w)))
        {
            db.Timers.Add(new CaseTimer { Id = Guid.CreateVersion7(now), CaseId = caseId, Kind = kind, Scope = scope, DueAt = dueAt, CreatedAt = now });
        }
    }

    /// <summary>A branch task's reminder (yellow) and supervision (red) timers, at its own due instants.</summary>
    public static void ScheduleTask(TongbanDbContext db, Guid caseId, DateTimeOffset yellowAt, DateTimeOffset dueAt, DateTimeOffset now)
    {
        if (yellowAt < dueAt) db.Timers.Add(new CaseTimer { Id = Guid.CreateVersion7(now), CaseId = caseId, Kind = TimerKind.Yellow, Scope = Stages.Opinion, DueAt = yellowAt, CreatedAt = now });
        db.Timers.Add(new CaseTimer { Id = Guid.CreateVersion7(now), CaseId = caseId, Kind = TimerKind.Red, Scope = Stages.Opinion, DueAt = dueAt, CreatedAt = now });
    }

    /// <summary>A branch task done or cancelled: its timers that have not fired go.</summary>
    public static async Task CancelTaskAsync(TongbanDbContext db, Guid caseId, DateTimeOffset? yellowAt, DateTimeOffset? dueAt, CancellationToken ct)
    {
        var timers = await db.Timers.Where(t => t.CaseId == caseId && t.Scope == Stages.Opinion && t.FiredAt == null && (t.DueAt == yellowAt || t.DueAt == dueAt)).ToListAsync(ct);
        db.Timers.RemoveRange(timers);
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
