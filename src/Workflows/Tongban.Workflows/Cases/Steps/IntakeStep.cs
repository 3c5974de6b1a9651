namespace Tongban.Workflows.Cases.Steps;

/// <summary>接件 (the start node's step): the overall period starts with the item's limit for the case's mode. Its input is the intake use case's.</summary>
public sealed class IntakeStep : StepKind
{
    public override string Name => "intake";
    public override CaseAction Action => CaseAction.Intake;

    public override StepChange Apply(StepContext step) => step.Unchanged with
    {
        Clock = step.Facts.Clock.Start(step.Item.TimeLimitFor(step.Facts.Mode), step.Clocks.Calendar, step.Clocks.Thresholds, step.Now),
    };
}
