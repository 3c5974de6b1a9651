using Tongban.Workflows.Calendars;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Catalog;
using Tongban.Workflows.Clocks;
using Tongban.Workflows.Runtime.Cases;

namespace Tongban.Workflows.Runtime.Clocks;

/// <summary>
/// How transitions move a case's clocks. The overall period starts at intake and ends at the decision; it stops
/// while the applicant corrects materials (补正) and, per item, restarts or resumes after; a stage's period runs
/// while the case is in that stage.
/// </summary>
public static class CaseClocks
{
    public static void OnTransition(Case c, CaseAction action, ServiceItemSpec item, DeadlineCalculator calendar, WarningThresholds thresholds, DateTimeOffset now)
    {
        switch (action)
        {
            case CaseAction.Intake:
                c.OverallLimitDays = item.TimeLimitFor(c.Mode);
                PlanOverall(c, calendar, thresholds, now, c.OverallLimitDays);
                break;
            case CaseAction.ReturnForCorrection:
                Stop(c, calendar, now, "补正");
                break;
            case CaseAction.Resubmit:
                Resume(c, item, calendar, thresholds, now);
                break;
            case CaseAction.Decide or CaseAction.Withdraw:
                c.CompletedAt = now;
                break;
        }

        var stage = c.CompletedAt is null ? Stages.Of(c.State) : null;
        if (stage != c.Stage)
        {
            PlanStage(c, stage, stage is null ? null : Stages.LimitFor(stage, item), calendar, thresholds, now);
        }

        Refresh(c);
    }

    /// <summary>Keeps the derived attention and earliest-due instants in step with the clocks.</summary>
    public static void Refresh(Case c)
    {
        var open = c.CompletedAt is null;
        c.AttentionAt = open ? Min(c.ClockStoppedAt is null ? c.OverallYellowAt : null, c.StageYellowAt) : null;
        c.EarliestDueAt = open ? Min(c.ClockStoppedAt is null ? c.OverallDueAt : null, c.StageDueAt) : null;
    }

    private static DateTimeOffset? Min(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    /// <summary>中止计时: the due instant is undefined while stopped; the working days still owed are kept.</summary>
    public static void Stop(Case c, DeadlineCalculator calendar, DateTimeOffset now, string reason)
    {
        if (c.ClockStoppedAt is not null || c.OverallDueAt is null) return;
        c.OwedWorkingDays = ClockPlan.OwedAtStop(calendar, now, calendar.ToLocalDate(c.OverallDueAt.Value));
        c.ClockStoppedAt = now;
        c.ClockStopReason = reason;
        c.OverallDueAt = null;
        c.OverallYellowAt = null;
        Refresh(c);
    }

    /// <summary>恢复计时: per item, the period restarts in full or resumes with the days still owed.</summary>
    public static void Resume(Case c, ServiceItemSpec item, DeadlineCalculator calendar, WarningThresholds thresholds, DateTimeOffset now, bool restart = false)
    {
        if (c.ClockStoppedAt is null) return;
        var days = restart || item.RestartOnCorrection && c.ClockStopReason == "补正" ? c.OverallLimitDays + c.ExtensionDays : c.OwedWorkingDays ?? 0;
        c.ClockStoppedAt = null;
        c.ClockStopReason = null;
        c.OwedWorkingDays = null;
        PlanOverall(c, calendar, thresholds, now, days);
        Refresh(c);
    }

    /// <summary>An approved extension adds working days after the current due date (or to the days owed while stopped).</summary>
    public static void Extend(Case c, int workingDays, DeadlineCalculator calendar, WarningThresholds thresholds)
    {
        c.ExtensionDays += workingDays;
        if (c.ClockStoppedAt is not null)
        {
            c.OwedWorkingDays = (c.OwedWorkingDays ?? 0) + workingDays;
        }
        else if (c.OverallStartedAt is { } started && c.CompletedAt is null)
        {
            PlanOverall(c, calendar, thresholds, started, c.PlannedOverallDays + workingDays);
        }

        Refresh(c);
    }

    /// <summary>Re-plans provisional deadlines, e.g. once the missing year's holiday schedule is loaded.</summary>
    public static void Recompute(Case c, DeadlineCalculator calendar, WarningThresholds thresholds)
    {
        if (c.OverallProvisional && c.ClockStoppedAt is null && c.CompletedAt is null && c.OverallStartedAt is { } started)
        {
            PlanOverall(c, calendar, thresholds, started, c.PlannedOverallDays);
        }

        if (c.StageProvisional && c.StageStartedAt is { } stageStarted)
        {
            PlanStage(c, c.Stage, c.StageLimitDays, calendar, thresholds, stageStarted);
        }

        Refresh(c);
    }

    private static void PlanOverall(Case c, DeadlineCalculator calendar, WarningThresholds thresholds, DateTimeOffset now, int days)
    {
        var plan = ClockPlan.Plan(calendar, now, days, thresholds);
        c.OverallStartedAt = now;
        c.PlannedOverallDays = days;
        c.OverallDueAt = plan.DueAt;
        c.OverallYellowAt = plan.YellowAt;
        c.OverallProvisional = plan.IsProvisional;
    }

    private static void PlanStage(Case c, string? stage, int? days, DeadlineCalculator calendar, WarningThresholds thresholds, DateTimeOffset now)
    {
        c.Stage = stage;
        c.StageStartedAt = stage is null ? null : now;
        c.StageLimitDays = days;
        if (stage is null || days is not { } d)
        {
            (c.StageDueAt, c.StageYellowAt, c.StageProvisional) = (null, null, false);
            return;
        }

        var plan = ClockPlan.Plan(calendar, now, d, thresholds);
        (c.StageDueAt, c.StageYellowAt, c.StageProvisional) = (plan.DueAt, plan.YellowAt, plan.IsProvisional);
    }
}
