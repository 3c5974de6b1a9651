using Tongban.Workflows.Catalog;
using Tongban.Workflows.Clocks;

namespace Tongban.Workflows.Cases.Steps;

/// <summary>What a step kind decides from: the case before the step, its item, the clock settings, the input, the instant.</summary>
public sealed record StepContext(CaseFacts Facts, ServiceItemSpec Item, ClockSettings Clocks, ActionInput Input, DateTimeOffset Now)
{
    /// <summary>A step that changes neither clocks nor record.</summary>
    public StepChange Unchanged => new(Facts.Clock, Facts.Record);
}

/// <summary>What a step kind changes: the overall clock and the record, notices it sends, a bad review it reports.</summary>
public sealed record StepChange(CaseClock Clock, CaseRecord Record)
{
    public IReadOnlyList<Notice> Notices { get; init; } = [];
    public int? BadReviewLevel { get; init; }
}

/// <summary>
/// The step kinds of the route, by action. Steps not listed (receive, forward, sign for, accept, handle, archive)
/// only move the case; the decider adds what every step does (state, holder, stage clock, journal, messages).
/// </summary>
public static class StepKinds
{
    public static StepChange Apply(CaseAction action, StepContext step) => action switch
    {
        CaseAction.Intake => IntakeStep.Apply(step),
        CaseAction.ReturnForCorrection => CorrectionSteps.Return(step),
        CaseAction.Resubmit => CorrectionSteps.Resubmit(step),
        CaseAction.Decide => DecisionStep.Apply(step),
        CaseAction.Withdraw => WithdrawalStep.Apply(step),
        CaseAction.Deliver => DeliveryStep.Apply(step),
        CaseAction.Evaluate => EvaluationStep.Apply(step),
        _ => step.Unchanged,
    };

    /// <summary>首问负责: the first-contact person hears of the case's milestones.</summary>
    internal static Notice FirstContact(CaseFacts facts, CaseAction action, string text) =>
        new(null, facts.FirstContactStaffId, $"first-contact.{action}", text);
}
