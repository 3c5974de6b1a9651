using Tongban.Workflows.Cases;

namespace Tongban.Workflows.Routes;

/// <summary>
/// The vetted step kinds a route combines. Each names the engine action it runs today; a step kind without one
/// (the assisting unit's opinion) validates but is not executable until cases run as tasks.
/// Receive and Withdraw are derived by the compiler, never written in a route.
/// </summary>
public static class StepKinds
{
    public const string Intake = "intake";
    public const string Decide = "decide";

    private static readonly Dictionary<string, CaseAction?> Actions = new(StringComparer.Ordinal)
    {
        [Intake] = CaseAction.Intake,
        ["forward"] = CaseAction.Forward,
        ["signFor"] = CaseAction.SignFor,
        ["accept"] = CaseAction.Accept,
        ["returnForCorrection"] = CaseAction.ReturnForCorrection,
        ["resubmit"] = CaseAction.Resubmit,
        ["handle"] = CaseAction.Handle,
        [Decide] = CaseAction.Decide,
        ["deliver"] = CaseAction.Deliver,
        ["evaluate"] = CaseAction.Evaluate,
        ["archive"] = CaseAction.Archive,
        ["giveOpinion"] = null,
    };

    public static IEnumerable<string> All => Actions.Keys;

    public static bool IsKnown(string? stepKind) => stepKind is not null && Actions.ContainsKey(stepKind);

    /// <summary>The engine action of a step kind, or null when the step kind is not executable yet.</summary>
    public static CaseAction? ActionOf(string stepKind) => Actions.GetValueOrDefault(stepKind);
}

/// <summary>The case facts a decision node may branch on, and the values each can take.</summary>
public static class DecisionFacts
{
    public const string Otherwise = "otherwise";

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Values { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["decision"] = ["approve", "reject"],
        ["mode"] = Enum.GetNames<Catalog.CaseMode>(),
        ["channel"] = Enum.GetNames<CaseChannel>(),
        ["itemFlag"] = ["true", "false"],
    };
}

/// <summary>One thing wrong with a route, at a node (null: the route as a whole).</summary>
public sealed record RouteError(string? Node, string Message)
{
    public override string ToString() => Node is null ? $"route: {Message}" : $"node {Node}: {Message}";
}
