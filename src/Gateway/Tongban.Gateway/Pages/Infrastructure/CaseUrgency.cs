using Tongban.Gateway.Cases;
using Tongban.Workflows.Clocks;
using Tongban.Workflows.Runtime.Cases;

namespace Tongban.Gateway.Pages.Infrastructure;

/// <summary>
/// A case's colour for the pages: the API's <see cref="ClockView.Worst"/> (the worse of the overall and the
/// current stage's clock, compared with the instants the time-limit engine stored), with a word beside it.
/// </summary>
public static class CaseUrgency
{
    public static Urgency Of(CaseListing c, DateTimeOffset now)
    {
        if (c.CompletedAt is not null || c.ClosedAt is not null)
        {
            return c.OverdueAt is not null ? new("grey", "已办结·曾超期", null, false, null) : Urgency.Closed;
        }

        if (c.ClockStoppedAt is not null)
        {
            return new("grey", "暂停计时", null, false, $"{c.ClockStopReason ?? "中止"}期间不计时");
        }

        var stageLate = c.StageDueAt < now;
        var overallLate = c.OverallDueAt < now;
        string? detail = stageLate && c.Stage is { } s ? $"「{Stages.Label(s)}」环节已超时" : null;
        return ClockView.Worst(c, now) switch
        {
            Colour.Red => new("red", overallLate ? "超期" : "环节超时", c.OverallDueAt, c.OverallProvisional, detail),
            Colour.Yellow => new("yellow", "预警", c.OverallDueAt, c.OverallProvisional, detail),
            Colour.Green => new("green", "正常", c.OverallDueAt, c.OverallProvisional, detail),
            _ => Urgency.None,
        };
    }
}
