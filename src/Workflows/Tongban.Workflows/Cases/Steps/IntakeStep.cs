namespace Tongban.Workflows.Cases.Steps;

/// <summary>接件: the overall period starts with the item's limit for the case's mode.</summary>
public static class IntakeStep
{
    public static StepChange Apply(StepContext step) => step.Unchanged with
    {
        Clock = step.Facts.Clock.Start(step.Item.TimeLimitFor(step.Facts.Mode), step.Clocks.Calendar, step.Clocks.Thresholds, step.Now),
    };
}
