namespace Tongban.Workflows.Cases.Steps;

/// <summary>办结: the decision is recorded and ends the overall clock; the first-contact person is told.</summary>
public static class DecisionStep
{
    public static StepChange Apply(StepContext step)
    {
        var record = step.Input is ActionInput.Decide input ? step.Facts.Record with { Approved = input.Approved, DecisionText = input.Text } : step.Facts.Record;
        return new StepChange(step.Facts.Clock.Complete(step.Now), record)
        {
            Notices = [StepKinds.FirstContact(step.Facts, CaseAction.Decide, $"您首问的案件 {step.Facts.Number} 已办结（{(record.Approved == true ? "准予" : "不予")}）。")],
        };
    }
}

/// <summary>视为撤回: the overall clock ends without a decision.</summary>
public static class WithdrawalStep
{
    public static StepChange Apply(StepContext step) => step.Unchanged with { Clock = step.Facts.Clock.Complete(step.Now) };
}
