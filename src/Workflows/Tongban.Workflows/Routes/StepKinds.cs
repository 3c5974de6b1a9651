using Tongban.Workflows.Cases;

namespace Tongban.Workflows.Routes;

/// <summary>
/// The vetted step kinds a route combines, each with the engine action it runs (what the action does is in
/// Cases/Steps) and the stage clock a task offering it runs. Receive, Withdraw and the automatic actions of fork,
/// join, decision and timer nodes are derived by the compiler, never written in a route.
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
        [GiveOpinion] = CaseAction.GiveOpinion,
    };

    public const string GiveOpinion = "giveOpinion";

    /// <summary>The stage clock (签收, 受理, 办理, 专员审核) a task with these steps runs; null: only the overall clock.</summary>
    public static string? StageOf(IReadOnlyList<string> steps) =>
        steps.Contains("signFor") ? Clocks.Stages.SignFor
        : steps.Contains("accept") ? Clocks.Stages.Accept
        : steps.Contains("handle") || steps.Contains(Decide) ? Clocks.Stages.Handle
        : steps.Contains("forward") ? Clocks.Stages.Review
        : steps.Contains(GiveOpinion) ? Clocks.Stages.Opinion
        : null;

    /// <summary>The stage clock of a state offering these engine actions (the steps people take there).</summary>
    public static string? StageOf(IEnumerable<CaseAction> offered) =>
        StageOf([.. Actions.Where(a => a.Value is { } action && offered.Contains(action)).Select(a => a.Key)]);

    public static IEnumerable<string> All => Actions.Keys;

    public static bool IsKnown(string? stepKind) => stepKind is not null && Actions.ContainsKey(stepKind);

    /// <summary>The step kind (as routes and the generic task endpoint name it) of an engine action.</summary>
    public static string KindOf(CaseAction action) => Actions.First(a => a.Value == action).Key;

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

    /// <summary>The value of a decision node's fact for a case; null when the case does not have it yet (then only otherwise applies).</summary>
    public static string? ValueOf(string on, string? flag, Cases.CaseFacts facts, Catalog.ServiceItemSpec item) => on switch
    {
        "decision" => facts.Record.Approved switch { true => "approve", false => "reject", null => null },
        "mode" => facts.Mode.ToString(),
        "channel" => facts.Channel.ToString(),
        "itemFlag" => item.Flags?.Contains(flag ?? "") == true ? "true" : "false",
        _ => null,
    };
}

/// <summary>One thing wrong with a route, at a node (null: the route as a whole).</summary>
public sealed record RouteError(string? Node, string Message)
{
    public override string ToString() => Node is null ? $"route: {Message}" : $"node {Node}: {Message}";
}
