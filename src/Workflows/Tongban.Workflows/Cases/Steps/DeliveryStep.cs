namespace Tongban.Workflows.Cases.Steps;

/// <summary>结果交付: how the result reached the resident; the first-contact person is told.</summary>
public static class DeliveryStep
{
    public static StepChange Apply(StepContext step)
    {
        return step.Unchanged with
        {
            Record = step.Input is ActionInput.Deliver input ? step.Facts.Record with { DeliveryMethod = input.Method } : step.Facts.Record,
            Notices = [StepKinds.FirstContact(step.Facts, CaseAction.Deliver, $"您首问的案件 {step.Facts.Number} 的结果已交付申请人。")],
        };
    }
}

/// <summary>好差评: the level is recorded; a bad review (4–5) opens a rectification item.</summary>
public static class EvaluationStep
{
    public static StepChange Apply(StepContext step)
    {
        if (step.Input is not ActionInput.Evaluate input) return step.Unchanged;
        return step.Unchanged with
        {
            Record = step.Facts.Record with { EvaluationLevel = input.Level },
            BadReviewLevel = EvaluationLevels.IsBadReview(input.Level) ? input.Level : null,
        };
    }
}
