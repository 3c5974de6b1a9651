namespace Tongban.Workflows.Cases.Steps;

/// <summary>好差评: the resident's level (1 非常满意 … 5 非常不满意) is recorded; a bad review (4–5) opens a rectification item.</summary>
public sealed class EvaluateStep : StepKind
{
    public override string Name => "evaluate";
    public override CaseAction Action => CaseAction.Evaluate;
    public override IReadOnlyList<string> Fields => ["level"];

    public override ActionInput? Read(StepFields fields, IFieldErrors errors)
    {
        if (fields.Level is { } level) return new ActionInput.Evaluate(level);
        errors.Add("level", "请选择群众的评价等级：1（非常满意）至 5（非常不满意）。");
        return null;
    }

    public override StepChange Apply(StepContext step)
    {
        if (step.Input is not ActionInput.Evaluate input) return step.Unchanged;
        return step.Unchanged with
        {
            Record = step.Facts.Record with { EvaluationLevel = input.Level },
            BadReviewLevel = EvaluationLevels.IsBadReview(input.Level) ? input.Level : null,
        };
    }
}
