namespace Tongban.Workflows.Cases.Steps;

/// <summary>
/// The registry of step kinds: one file each in this folder. Routes name them (Routes/StepKinds reads the names and
/// stages here), the use case reads their fields with them, the decider applies their effects, and the resident's
/// milestone notices come from them. Withdrawal (视为撤回), receiving a hand-off and the engine's own steps at fork,
/// join, decision and timer nodes are not step kinds: routes do not name them.
/// </summary>
public static class StepRegistry
{
    /// <summary>In the order routes' error messages list them.</summary>
    public static IReadOnlyList<StepKind> All { get; } =
    [
        new IntakeStep(), new ForwardStep(), new SignForStep(), new AcceptStep(), new ReturnForCorrectionStep(), new ResubmitStep(),
        new HandleStep(), new DecideStep(), new DeliverStep(), new EvaluateStep(), new ArchiveStep(), new GiveOpinionStep(),
    ];

    private static readonly Dictionary<string, StepKind> ByName = All.ToDictionary(k => k.Name, StringComparer.Ordinal);
    private static readonly Dictionary<CaseAction, StepKind> ByAction = All.ToDictionary(k => k.Action);

    public static StepKind? Named(string? name) => name is not null && ByName.TryGetValue(name, out var kind) ? kind : null;

    public static StepKind? Of(CaseAction action) => ByAction.GetValueOrDefault(action);

    /// <summary>The effect of a step on the case; steps without one (receive, the engine's own) only move it.</summary>
    public static StepChange Apply(CaseAction action, StepContext step) =>
        action == CaseAction.Withdraw ? WithdrawalStep.Apply(step) : Of(action)?.Apply(step) ?? step.Unchanged;
}
