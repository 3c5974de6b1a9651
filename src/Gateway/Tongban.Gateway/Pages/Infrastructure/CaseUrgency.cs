using Tongban.Workflows.Clocks;
using Tongban.Workflows.Runtime.Cases;

namespace Tongban.Gateway.Pages.Infrastructure;

/// <summary>
/// A case's colour for the pages, read from the clocks the time-limit engine keeps on the case (its yellow and
/// due instants for the overall period and the current stage): the worse of the two counts. Nothing is
/// computed here beyond comparing those instants with now.
/// </summary>
public static class CaseUrgency
{
    public static Urgency Of(Case c, DateTimeOffset now)
    {
        if (c.CompletedAt is not null || c.ClosedAt is not null) return c.OverdueAt is not null ? new("grey", "已办结·曾超期", null, false, null) : Urgency.Closed;
        if (c.ClockStoppedAt is not null)
        {
            return new("grey", "暂停计时", null, false, $"{c.ClockStopReason ?? "中止"}期间不计时（自 {c.ClockStoppedAt:yyyy-MM-dd} 起）");
        }

        if (c.OverallDueAt is null) return c.OverdueAt is not null ? new("red", "超期", null, false, null) : Urgency.None;

        var overall = ColourOf(now, c.OverallYellowAt, c.OverallDueAt);
        var stage = c.StageDueAt is null ? Colour.Green : ColourOf(now, c.StageYellowAt, c.StageDueAt);
        if (c.OverdueAt is not null) overall = Colour.Red;
        var worst = (Colour)Math.Max((int)overall, (int)stage);
        string? detail = stage > overall && c.Stage is { } s ? $"{Stages.Label(s)}环节{(stage == Colour.Red ? "已超时" : "即将超时")}" : null;
        return worst switch
        {
            Colour.Red => new("red", "超期", c.OverallDueAt, c.OverallProvisional, detail),
            Colour.Yellow => new("yellow", "预警", c.OverallDueAt, c.OverallProvisional, detail),
            _ => new("green", "正常", c.OverallDueAt, c.OverallProvisional, detail),
        };
    }

    /// <summary>Red after the due instant, yellow from the yellow instant (the engine's <see cref="ClockPlan.ColourAt"/> rule).</summary>
    private static Colour ColourOf(DateTimeOffset now, DateTimeOffset? yellowAt, DateTimeOffset? dueAt) =>
        now > dueAt ? Colour.Red : now >= yellowAt ? Colour.Yellow : Colour.Green;
}
