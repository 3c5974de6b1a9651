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

    public TransitionDefinition? Find(CaseAction action, string fromState) =>
        Transitions.FirstOrDefault(t => t.Action == action && t.From == fromState);

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
}

/// <summary>
/// A transition. <see cref="By"/> is the post role allowed to take the action (null: the receiving node
/// takes it when a hand-off arrives). <see cref="HandOffTo"/> names the post a committed transition hands the
/// case to, over the bus, in the same database transaction (outbox).
/// </summary>
public sealed record TransitionDefinition(CaseAction Action, string From, string To, PostRole? By, PostRole? HandOffTo = null);
