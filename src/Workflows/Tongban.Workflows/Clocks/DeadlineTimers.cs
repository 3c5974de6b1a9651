namespace Tongban.Workflows.Clocks;

/// <summary>The timers a case's deadlines want: yellow → reminder, due → supervision, promise due → withdrawal.</summary>
public enum DeadlineTimerKind
{
    Yellow,
    Red,
    PromiseDue,

    /// <summary>A timer node's wait is over (e.g. 公示期满): the case goes on.</summary>
    WaitOver,
}

/// <summary>One wanted timer: its kind, the period it belongs to ("overall", a stage, "promise") and its instant.</summary>
public sealed record DeadlineTimer(DeadlineTimerKind Kind, string Scope, DateTimeOffset DueAt);

/// <summary>
/// Derives the timers from the clocks, so rescheduling after any change is "keep what is still wanted, drop the
/// rest, add what is missing". Escalation timers are not deadlines: supervision opens them.
/// </summary>
public static class DeadlineTimers
{
    public const string Overall = "overall";
    public const string Promise = "promise";
    public const string Wait = "wait";

    public static IReadOnlyList<DeadlineTimer> For(CaseClock clock, Cases.CaseRecord record) =>
        For(clock, record.DeferredMaterials, record.PromiseDueAt, record.WaitUntil);

    public static IReadOnlyList<DeadlineTimer> For(CaseClock clock, IReadOnlyCollection<string> deferredMaterials, DateTimeOffset? promiseDueAt, DateTimeOffset? waitUntil = null)
    {
        var wanted = new List<DeadlineTimer>();
        // A timer node (公示) waits whatever the clocks say: its end is a bookmark, not a deadline.
        if (waitUntil is { } wait) wanted.Add(new(DeadlineTimerKind.WaitOver, Wait, wait));
        if (clock.CompletedAt is not null) return wanted;

        if (clock.StoppedAt is null && clock.OverallDueAt is { } due)
        {
            if (clock.OverallYellowAt is { } yellow && yellow < due) wanted.Add(new(DeadlineTimerKind.Yellow, Overall, yellow));
            wanted.Add(new(DeadlineTimerKind.Red, Overall, due));
        }

        if (clock.Stage is { } stage && clock.StageDueAt is { } stageDue)
        {
            if (clock.StageYellowAt is { } yellow && yellow < stageDue) wanted.Add(new(DeadlineTimerKind.Yellow, stage, yellow));
            wanted.Add(new(DeadlineTimerKind.Red, stage, stageDue));
        }

        if (deferredMaterials.Count > 0 && promiseDueAt is { } promise) wanted.Add(new(DeadlineTimerKind.PromiseDue, Promise, promise));
        return wanted;
    }

    /// <summary>"办理时限" for the overall period, "签收时限" etc. for a stage.</summary>
    public static string ScopeLabel(string scope) => scope == Overall ? "办理时限" : $"{Stages.Label(scope)}时限";
}
