using Tongban.Workflows.Calendars;
using Tongban.Workflows.Catalog;

namespace Tongban.Workflows.Clocks;

/// <summary>
/// A case's clocks (限时办结) as a value. The overall period runs from intake to the decision (办结); it stops while
/// the applicant corrects materials or a special procedure runs. Stages have their own periods. Every change is
/// a pure method returning the next value; the entity stores the fields as they are.
/// </summary>
public sealed record CaseClock
{
    public static readonly CaseClock NotStarted = new();

    public int OverallLimitDays { get; init; }

    /// <summary>When the current overall period began (intake, or a resume/restart) and how many working days it has.</summary>
    public DateTimeOffset? OverallStartedAt { get; init; }
    public int PlannedOverallDays { get; init; }
    public DateTimeOffset? OverallDueAt { get; init; }
    public DateTimeOffset? OverallYellowAt { get; init; }
    public bool OverallProvisional { get; init; }

    /// <summary>Set while the clock is stopped; the due instant is then undefined.</summary>
    public DateTimeOffset? StoppedAt { get; init; }
    public ClockStop? StoppedFor { get; init; }

    /// <summary>Working days still owed when the clock stopped; resuming plans these from the resume instant.</summary>
    public int? OwedWorkingDays { get; init; }

    /// <summary>Working days added by approved extensions (延期).</summary>
    public int ExtensionDays { get; init; }

    /// <summary>When the overall clock ended: decided (办结) or withdrawn.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    public string? Stage { get; init; }
    public DateTimeOffset? StageStartedAt { get; init; }
    public int? StageLimitDays { get; init; }
    public DateTimeOffset? StageDueAt { get; init; }
    public DateTimeOffset? StageYellowAt { get; init; }
    public bool StageProvisional { get; init; }

    /// <summary>The earliest yellow instant of the running periods; null once decided.</summary>
    public DateTimeOffset? AttentionAt => CompletedAt is null ? Min(StoppedAt is null ? OverallYellowAt : null, StageYellowAt) : null;

    /// <summary>The earliest due instant of the running periods; null once decided.</summary>
    public DateTimeOffset? EarliestDueAt => CompletedAt is null ? Min(StoppedAt is null ? OverallDueAt : null, StageDueAt) : null;

    /// <summary>The overall period starts at intake with the item's limit for the case's mode.</summary>
    public CaseClock Start(int limitDays, DeadlineCalculator calendar, WarningThresholds thresholds, DateTimeOffset now) =>
        (this with { OverallLimitDays = limitDays }).PlanOverall(calendar, thresholds, now, limitDays);

    /// <summary>中止计时: the due instant is undefined while stopped; the working days still owed are kept.</summary>
    public CaseClock Stop(ClockStop reason, DeadlineCalculator calendar, DateTimeOffset now)
    {
        if (StoppedAt is not null || OverallDueAt is null) return this;
        return this with
        {
            OwedWorkingDays = ClockPlan.OwedAtStop(calendar, now, calendar.ToLocalDate(OverallDueAt.Value)),
            StoppedAt = now,
            StoppedFor = reason,
            OverallDueAt = null,
            OverallYellowAt = null,
        };
    }

    /// <summary>恢复计时: after 补正 the period restarts in full when the item says so; otherwise it resumes with the days owed.</summary>
    public CaseClock Resume(ServiceItemSpec item, DeadlineCalculator calendar, WarningThresholds thresholds, DateTimeOffset now)
    {
        if (StoppedAt is null) return this;
        var days = item.RestartOnCorrection && StoppedFor == ClockStop.Correction ? OverallLimitDays + ExtensionDays : OwedWorkingDays ?? 0;
        return (this with { StoppedAt = null, StoppedFor = null, OwedWorkingDays = null }).PlanOverall(calendar, thresholds, now, days);
    }

    /// <summary>An approved extension adds working days after the current due date (or to the days owed while stopped).</summary>
    public CaseClock Extend(int workingDays, DeadlineCalculator calendar, WarningThresholds thresholds)
    {
        var extended = this with { ExtensionDays = ExtensionDays + workingDays };
        if (StoppedAt is not null) return extended with { OwedWorkingDays = (OwedWorkingDays ?? 0) + workingDays };
        return OverallStartedAt is { } started && CompletedAt is null
            ? extended.PlanOverall(calendar, thresholds, started, PlannedOverallDays + workingDays)
            : extended;
    }

    /// <summary>The overall clock ends with the decision or the withdrawal; the stage clock goes with it.</summary>
    public CaseClock Complete(DateTimeOffset now) => this with { CompletedAt = now };

    /// <summary>
    /// The stage clock follows the state: a new stage starts its own period; leaving every stage (or the overall
    /// clock ending) clears it. Staying in the same stage changes nothing.
    /// </summary>
    public CaseClock FollowStage(string? stateStage, int? nodeLimit, ServiceItemSpec item, DeadlineCalculator calendar, WarningThresholds thresholds, DateTimeOffset now)
    {
        var stage = CompletedAt is null ? stateStage : null;
        return stage == Stage ? this : PlanStage(stage, stage is null ? null : Stages.LimitFor(stage, item, nodeLimit), calendar, thresholds, now);
    }

    /// <summary>Re-plans provisional deadlines, e.g. once the missing year's holiday schedule is loaded.</summary>
    public CaseClock Recompute(DeadlineCalculator calendar, WarningThresholds thresholds)
    {
        var next = this;
        if (OverallProvisional && StoppedAt is null && CompletedAt is null && OverallStartedAt is { } started)
        {
            next = next.PlanOverall(calendar, thresholds, started, PlannedOverallDays);
        }

        return StageProvisional && StageStartedAt is { } stageStarted ? next.PlanStage(Stage, StageLimitDays, calendar, thresholds, stageStarted) : next;
    }

    private CaseClock PlanOverall(DeadlineCalculator calendar, WarningThresholds thresholds, DateTimeOffset start, int days)
    {
        var plan = ClockPlan.Plan(calendar, start, days, thresholds);
        return this with { OverallStartedAt = start, PlannedOverallDays = days, OverallDueAt = plan.DueAt, OverallYellowAt = plan.YellowAt, OverallProvisional = plan.IsProvisional };
    }

    private CaseClock PlanStage(string? stage, int? days, DeadlineCalculator calendar, WarningThresholds thresholds, DateTimeOffset start)
    {
        if (stage is null || days is not { } d)
        {
            return this with { Stage = stage, StageStartedAt = stage is null ? null : start, StageLimitDays = days, StageDueAt = null, StageYellowAt = null, StageProvisional = false };
        }

        var plan = ClockPlan.Plan(calendar, start, d, thresholds);
        return this with { Stage = stage, StageStartedAt = start, StageLimitDays = d, StageDueAt = plan.DueAt, StageYellowAt = plan.YellowAt, StageProvisional = plan.IsProvisional };
    }

    private static DateTimeOffset? Min(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;
}
