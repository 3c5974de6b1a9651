using Tongban.Workflows.Calendars;
using Tongban.Workflows.Clocks;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Clocks;

namespace Tongban.Gateway.Cases;

/// <summary>
/// One of a case's clocks as staff see it: the limit, the due instant, working days left, the colour, and
/// whether the due date is provisional (it reaches into a year whose holiday schedule is not loaded yet).
/// </summary>
public sealed record ClockView(
    string Scope,
    string Label,
    int? LimitWorkingDays,
    DateTimeOffset? StartedAt,
    DateTimeOffset? DueAt,
    int? RemainingWorkingDays,
    string? Colour,
    bool Provisional,
    bool Stopped,
    string? StopReason)
{
    public static ClockView Overall(Case c, DeadlineCalculator calendar, DateTimeOffset now) => new(
        TimerSchedule.Overall,
        "办理时限",
        c.OverallLimitDays + c.ExtensionDays,
        c.OverallStartedAt,
        c.OverallDueAt,
        Remaining(c.OverallDueAt, calendar, now),
        c.CompletedAt is null ? ColourOf(c.OverallYellowAt, c.OverallDueAt, now) : null,
        c.OverallProvisional,
        c.ClockStoppedAt is not null,
        c.ClockStopReason);

    public static ClockView? Stage(Case c, DeadlineCalculator calendar, DateTimeOffset now) => c.Stage is null ? null : new(
        c.Stage,
        Stages.Label(c.Stage),
        c.StageLimitDays,
        c.StageStartedAt,
        c.StageDueAt,
        Remaining(c.StageDueAt, calendar, now),
        ColourOf(c.StageYellowAt, c.StageDueAt, now),
        c.StageProvisional,
        false,
        null);

    /// <summary>The worse of the overall and the stage colour: what a list shows for the case.</summary>
    public static Workflows.Clocks.Colour? Worst(CaseListing c, DateTimeOffset now)
    {
        if (c.CompletedAt is not null) return null;
        Workflows.Clocks.Colour?[] colours = [Parse(ColourOf(c.OverallYellowAt, c.OverallDueAt, now)), Parse(ColourOf(c.StageYellowAt, c.StageDueAt, now))];
        return colours.Max();
    }

    private static Workflows.Clocks.Colour? Parse(string? colour) => colour is null ? null : Enum.Parse<Workflows.Clocks.Colour>(colour);

    private static string? ColourOf(DateTimeOffset? yellowAt, DateTimeOffset? dueAt, DateTimeOffset now) =>
        dueAt is not { } due ? null : (now > due ? Workflows.Clocks.Colour.Red : yellowAt is { } y && now >= y ? Workflows.Clocks.Colour.Yellow : Workflows.Clocks.Colour.Green).ToString();

    private static int? Remaining(DateTimeOffset? dueAt, DeadlineCalculator calendar, DateTimeOffset now) =>
        dueAt is { } due ? ClockPlan.RemainingWorkingDays(calendar, now, calendar.ToLocalDate(due)) : null;
}
