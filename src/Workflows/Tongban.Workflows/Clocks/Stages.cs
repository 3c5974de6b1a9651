using Tongban.Workflows.Cases;
using Tongban.Workflows.Catalog;
using Tongban.Workflows.Definitions;

namespace Tongban.Workflows.Clocks;

/// <summary>
/// Stage clocks: which stage a state belongs to and how many working days it may take. A stage starts when
/// the case enters its first state and runs until the case leaves the stage.
/// </summary>
public static class Stages
{
    public const string Review = "review";
    public const string SignFor = "signFor";
    public const string Accept = "accept";
    public const string Handle = "handle";
    public const string Opinion = "opinion";

    /// <summary>Days a stage takes when the item does not say: sign for a handed-off case within 1 working day.</summary>
    private static readonly Dictionary<string, int> Defaults = new() { [Review] = 1, [SignFor] = 1, [Accept] = 1, [Opinion] = 3 };

    /// <summary>
    /// The stage clock a state runs: the one compiled into it, or (a definition stored before stages were compiled)
    /// the one of the steps people take there (<see cref="Routes.StepKinds.StageOf(IEnumerable{CaseAction})"/>).
    /// </summary>
    public static string? Of(WorkflowDefinition definition, StateDefinition state) =>
        state.Stage ?? Routes.StepKinds.StageOf(definition.From(state.Name).Where(t => t.By is not null).Select(t => t.Action));

    /// <summary>The stage's limit for this item, or null when the stage has none (then only the overall clock runs).</summary>
    public static int? LimitFor(string stage, ServiceItemSpec item) => LimitFor(stage, item, nodeLimit: null);

    /// <summary>The item's stage limit first, then the route node's, then the stage's default.</summary>
    public static int? LimitFor(string stage, ServiceItemSpec item, int? nodeLimit) =>
        item.StageLimits.TryGetValue(stage, out var days) ? days : nodeLimit ?? (Defaults.TryGetValue(stage, out var fallback) ? fallback : null);

    public static string Label(string stage) => stage switch
    {
        Review => "专员审核",
        SignFor => "签收",
        Accept => "受理",
        Handle => "办理",
        Opinion => "出具意见",
        _ => stage,
    };
}
