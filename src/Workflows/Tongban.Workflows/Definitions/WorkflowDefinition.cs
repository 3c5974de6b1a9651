using Tongban.Workflows.Cases;

namespace Tongban.Workflows.Definitions;

/// <summary>
/// A workflow definition as data: the states a case can be in and the transitions between them.
/// One definition exists per catalogue item version, and a case stays pinned to the one it started with,
/// so editing the catalogue never changes the rules under a running case.
/// </summary>
public sealed record WorkflowDefinition(
    string Id,
    string ItemCode,
    int ItemVersion,
    string Route,
    IReadOnlyList<StateDefinition> States,
    IReadOnlyList<TransitionDefinition> Transitions)
{
    public StateDefinition State(string name) =>
        States.FirstOrDefault(s => s.Name == name)
        ?? throw new InvalidOperationException($"Definition {Id} has no state '{name}'.");

    /// <summary>
    /// Tasks of assisting branches (并联办理): work done beside the case's own state, each at its own post, opened
    /// when the case passes their fork and waited for by its join.
    /// </summary>
    public IReadOnlyList<BranchTaskDefinition> BranchTasks { get; init; } = [];

    /// <summary>The transition of <paramref name="action"/> from a state; for a decision, the one taken for <paramref name="when"/> (or its otherwise).</summary>
    public TransitionDefinition? Find(CaseAction action, string fromState, string? when = null) =>
        when is null
            ? Transitions.FirstOrDefault(t => t.Action == action && t.From == fromState)
            : Transitions.FirstOrDefault(t => t.Action == action && t.From == fromState && t.When == when)
              ?? Transitions.FirstOrDefault(t => t.Action == action && t.From == fromState && t.When == Routes.DecisionFacts.Otherwise);

    public BranchTaskDefinition BranchTask(string node) =>
        BranchTasks.FirstOrDefault(t => t.Node == node) ?? throw new InvalidOperationException($"Definition {Id} has no branch task '{node}'.");

    public IEnumerable<TransitionDefinition> From(string state) => Transitions.Where(t => t.From == state);

    /// <summary>The state a definition starts in: the target of its Intake transition.</summary>
    public string InitialState() => Transitions.Single(t => t.Action == CaseAction.Intake).To;

    public static string IdFor(string itemCode, int version) => $"{itemCode}@v{version}";
}

/// <summary>
/// A state of the route. <see cref="HeldBy"/> is the post that holds the case while it is in this state;
/// null means nobody holds it: either it is in transit between jurisdictions (a hand-off not yet received)
/// or the case is closed.
/// </summary>
public sealed record StateDefinition(string Name, string Label, PostRole? HeldBy, bool IsFinal = false)
{
    public bool InTransit => HeldBy is null && !IsFinal;

    /// <summary>The stage clock this state runs (from its node's step kinds); null: none. Definitions stored before stages were compiled leave it null (see <see cref="Clocks.Stages.Of"/>).</summary>
    public string? Stage { get; init; }

    /// <summary>The node's own stage limit in working days (the item's stage limits still come first).</summary>
    public int? StageLimitDays { get; init; }

    /// <summary>Set on fork, join, decision and timer nodes: the engine, not a person, moves the case on from them.</summary>
    public AutomaticNode? Automatic { get; init; }
}

/// <summary>
/// A node the engine leaves by itself: a fork (opens its assisting branches' tasks and continues on the lead), a join
/// (continues once every task of its fork is done), a decision (continues on the edge of the case's fact), a timer
/// (continues when its working days are over).
/// </summary>
public sealed record AutomaticNode(string Kind)
{
    /// <summary>decision: the case fact it branches on, and the item flag for itemFlag.</summary>
    public string? On { get; init; }
    public string? Flag { get; init; }

    /// <summary>timer: working days to wait.</summary>
    public int? WorkingDays { get; init; }

    /// <summary>join: the fork whose tasks it waits for.</summary>
    public string? Fork { get; init; }

    /// <summary>fork: the first task of each assisting branch.</summary>
    public IReadOnlyList<string> Branches { get; init; } = [];

    // Equal by content, lists included: a definition read back from its stored JSON equals the compiled one.
    public bool Equals(AutomaticNode? other) =>
        other is not null && (Kind, On, Flag, WorkingDays, Fork) == (other.Kind, other.On, other.Flag, other.WorkingDays, other.Fork) && Branches.SequenceEqual(other.Branches);

    public override int GetHashCode() => HashCode.Combine(Kind, On, Flag, WorkingDays, Fork, Branches.Count);
}

/// <summary>
/// A task of an assisting branch: done at <paramref name="Participant"/>'s post (<paramref name="Role"/>), with its own
/// stage limit; each step leads to the next task of the branch or, with <see cref="BranchStepDefinition.ToJoin"/>, back to the join.
/// </summary>
public sealed record BranchTaskDefinition(string Node, string Label, string Participant, PostRole Role, string Fork, int? StageLimitDays, IReadOnlyList<BranchStepDefinition> Steps)
{
    public bool Equals(BranchTaskDefinition? other) =>
        other is not null && (Node, Label, Participant, Role, Fork, StageLimitDays) == (other.Node, other.Label, other.Participant, other.Role, other.Fork, other.StageLimitDays) && Steps.SequenceEqual(other.Steps);

    public override int GetHashCode() => HashCode.Combine(Node, Participant, Fork);
}

public sealed record BranchStepDefinition(CaseAction Action, string To, bool ToJoin);

/// <summary>
/// A transition. <see cref="By"/> is the post role allowed to take the action (null: the receiving node
/// takes it when a hand-off arrives). <see cref="HandOffTo"/> names the post a committed transition hands the
/// case to, over the bus, in the same database transaction (outbox).
/// </summary>
public sealed record TransitionDefinition(CaseAction Action, string From, string To, PostRole? By, PostRole? HandOffTo = null)
{
    /// <summary>A decision's edge: the value of the fact it is taken for (or "otherwise").</summary>
    public string? When { get; init; }
}
