namespace Tongban.Workflows.Cases.Steps;

/// <summary>视为撤回 (the engine's step, not a route's: the route names only where it leads): the overall clock ends without a decision.</summary>
public static class WithdrawalStep
{
    public static StepChange Apply(StepContext step) => step.Unchanged with { Clock = step.Facts.Clock.Complete(step.Now) };
}
