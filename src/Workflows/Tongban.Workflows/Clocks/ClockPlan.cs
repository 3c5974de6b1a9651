using Tongban.Workflows.Calendars;

namespace Tongban.Workflows.Clocks;

/// <summary>
/// A running period: when it is due, when it turns yellow, and whether it reaches into a year whose holiday
/// schedule is not loaded yet (provisional, recomputed when the schedule arrives).
/// </summary>
public sealed record ClockPlan(DateTimeOffset StartedAt, int WorkingDays, DateTimeOffset DueAt, DateOnly DueDate, DateTimeOffset YellowAt, bool IsProvisional)
{
    /// <summary>
    /// Plans a period of <paramref name="workingDays"/> from <paramref name="start"/>. A 即办件 (0 days) has no
    /// yellow phase: it is due the same working day and turns red after it. Yellow "after 0 working days" means
    /// from the end of the start day, so a one-day period is yellow on its last day, not from its first minute.
    /// </summary>
    public static ClockPlan Plan(DeadlineCalculator calculator, DateTimeOffset start, int workingDays, WarningThresholds thresholds)
    {
        var due = calculator.AddWorkingDays(start, workingDays);
        if (workingDays == 0) return new(start, 0, due.DueAt, due.DueDate, due.DueAt, due.IsProvisional);

        var byDaysLeft = workingDays - thresholds.WorkingDaysLeft;
        var byFraction = (int)Math.Ceiling(thresholds.FractionUsed * workingDays);
        var yellowAfter = Math.Max(0, Math.Min(byDaysLeft, byFraction));
        var yellowAt = yellowAfter == 0
            ? Max(start, calculator.DayEndsAt(calculator.ToLocalDate(start)))
            : calculator.AddWorkingDays(start, yellowAfter).DueAt;
        return new(start, workingDays, due.DueAt, due.DueDate, yellowAt, due.IsProvisional);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    public Colour ColourAt(DateTimeOffset now) => now > DueAt ? Colour.Red : now >= YellowAt ? Colour.Yellow : Colour.Green;

    /// <summary>
    /// Working days left after today, up to the due date: the period's own count on its start day (which does not
    /// count), 0 on the due day itself and after it.
    /// </summary>
    public static int RemainingWorkingDays(DeadlineCalculator calculator, DateTimeOffset now, DateOnly dueDate) =>
        calculator.WorkingDaysBetween(calculator.ToLocalDate(now), dueDate);

    /// <summary>
    /// Working days still owed when the clock stops (补正, 鉴定 …): those after the stop day up to the due date.
    /// Resuming later plans that many days from the resume instant, whose own day does not count either.
    /// </summary>
    public static int OwedAtStop(DeadlineCalculator calculator, DateTimeOffset stoppedAt, DateOnly dueDate) =>
        calculator.WorkingDaysBetween(calculator.ToLocalDate(stoppedAt), dueDate);
}
