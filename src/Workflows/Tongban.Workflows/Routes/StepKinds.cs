using Tongban.Workflows.Cases;
using Tongban.Workflows.Cases.Steps;

namespace Tongban.Workflows.Routes;

/// <summary>
/// The vetted step kinds a route combines, by the names routes spell: each is one file in Cases/Steps, listed in
/// <see cref="StepRegistry"/> (its engine action, fields, stage clock, effect, notices). Receive, Withdraw and the
/// automatic actions of fork, join, decision and timer nodes are derived by the compiler, never written in a route.
/// </summary>
public static class StepKinds
{
    public const string Intake = "intake";
    public const string Decide = "decide";
    public const string GiveOpinion = "giveOpinion";

    /// <summary>When a task offers steps of several stages, the one it runs: the first of these.</summary>
    private static readonly string[] StagePrecedence = [Clocks.Stages.SignFor, Clocks.Stages.Accept, Clocks.Stages.Handle, Clocks.Stages.Review, Clocks.Stages.Opinion];

    /// <summary>The stage clock (签收, 受理, 办理, 专员审核, 出具意见) a task with these steps runs; null: only the overall clock.</summary>
    public static string? StageOf(IReadOnlyList<string> steps) => FirstStage(steps.Select(StepRegistry.Named));

    /// <summary>The stage clock of a state offering these engine actions (the steps people take there).</summary>
    public static string? StageOf(IEnumerable<CaseAction> offered) => FirstStage(offered.Select(StepRegistry.Of));

    private static string? FirstStage(IEnumerable<StepKind?> kinds)
    {
        var stages = kinds.Select(k => k?.Stage).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return StagePrecedence.FirstOrDefault(stages.Contains);
    }

    public static IEnumerable<string> All => StepRegistry.All.Select(k => k.Name);

    public static bool IsKnown(string? stepKind) => StepRegistry.Named(stepKind) is not null;

    /// <summary>The step kind (as routes and the generic task endpoint name it) of an engine action.</summary>
    public static string KindOf(CaseAction action) => StepRegistry.Of(action)?.Name ?? throw new InvalidOperationException($"{action} is not a step kind.");

    /// <summary>The engine action of a step kind, or null when there is no such step kind.</summary>
    public static CaseAction? ActionOf(string stepKind) => StepRegistry.Named(stepKind)?.Action;
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
