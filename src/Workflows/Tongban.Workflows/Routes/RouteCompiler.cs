using Tongban.Workflows.Cases;
using Tongban.Workflows.Definitions;

namespace Tongban.Workflows.Routes;

/// <summary>The definition compiled from a route, or why it cannot be (each error names the node).</summary>
public sealed record RouteCompilation(WorkflowDefinition? Definition, IReadOnlyList<RouteError> Errors)
{
    public WorkflowDefinition DefinitionOrThrow() => Definition
        ?? throw new InvalidOperationException("route cannot run:\n" + string.Join("\n", Errors));
}

/// <summary>
/// Turns a valid route into the state machine the engine runs today (<see cref="WorkflowDefinition"/>), so the
/// runtime is unchanged. Pure. A task node becomes a state held by its participant's post role; an edge to another
/// participant becomes a hand-off (transition with HandOffTo, a transit state, and the receiving node's Receive);
/// <see cref="RouteFile.WithdrawTo"/> becomes a Withdraw transition from every state before the decision.
/// Forks, joins, decisions, timers, county departments and node stage limits validate but need cases that run as
/// tasks; until then the compiler refuses them, naming the node.
/// </summary>
public static class RouteCompiler
{
    public static RouteCompilation Compile(RouteFile route, string itemCode, int itemVersion, RouteVocabulary vocabulary)
    {
        var errors = RouteValidator.Validate(route, vocabulary).ToList();
        if (errors.Count > 0) return new(null, errors);

        var nodes = route.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        errors.AddRange(NotExecutable(route.Nodes));
        errors.AddRange(route.Edges.Where(e => IsHandOff(e, nodes)).GroupBy(TransitState, StringComparer.Ordinal)
            .Where(g => g.Count() > 1 || nodes.ContainsKey(g.Key))
            .Select(g => new RouteError(g.First().From, $"the hand-off to {g.First().To} would wait in state {g.Key}, a name already used; name its transit state")));
        if (errors.Count > 0) return new(null, errors);

        var states = new List<StateDefinition>();
        foreach (var node in route.Nodes)
        {
            if (node.Kind == NodeKinds.Task) states.Add(new(node.Id, node.Label!, Participants.RoleOf(node.Participant!)));
            if (node.Kind == NodeKinds.End) states.Add(new(node.Id, node.Label!, null, IsFinal: true));
            foreach (var edge in route.Edges.Where(e => e.From == node.Id && IsHandOff(e, nodes)))
            {
                states.Add(new(TransitState(edge), edge.Transit?.Label ?? "移交中", null));
            }
        }

        var transitions = new List<TransitionDefinition>();
        foreach (var edge in route.Edges)
        {
            var from = nodes[edge.From];
            var source = from.Kind == NodeKinds.Start ? CaseStates.None : from.Id;
            var action = StepKinds.ActionOf(edge.Action!)!.Value;
            var by = Participants.RoleOf(from.Participant!);
            if (IsHandOff(edge, nodes))
            {
                transitions.Add(new(action, source, TransitState(edge), by, HandOffTo: Participants.RoleOf(nodes[edge.To].Participant!)));
                transitions.Add(new(CaseAction.Receive, TransitState(edge), edge.To, null));
            }
            else
            {
                transitions.Add(new(action, source, edge.To, by));
            }
        }

        if (route.WithdrawTo is { } withdrawn)
        {
            var undecided = UndecidedStates(route, nodes);
            transitions.AddRange(states.Where(s => !s.IsFinal && undecided.Contains(s.Name)).Select(s => new TransitionDefinition(CaseAction.Withdraw, s.Name, withdrawn, null)));
        }

        return new(new(WorkflowDefinition.IdFor(itemCode, itemVersion), itemCode, itemVersion, route.Id, states, transitions), []);
    }

    private static IEnumerable<RouteError> NotExecutable(IEnumerable<RouteNode> nodes)
    {
        foreach (var node in nodes)
        {
            if (node.Kind is NodeKinds.Fork or NodeKinds.Join or NodeKinds.Decision or NodeKinds.Timer)
            {
                yield return new(node.Id, $"{node.Kind} nodes validate but are not executable yet (cases run as tasks in a later release)");
            }

            if (node.Participant is { } participant && Participants.RoleOf(participant) is null)
            {
                yield return new(node.Id, $"participant {participant} is not executable yet: county departments hold no posts in today's engine");
            }

            foreach (var step in (node.Steps ?? []).Where(s => StepKinds.ActionOf(s) is null))
            {
                yield return new(node.Id, $"step kind {step} is not executable yet");
            }

            if (node.StageLimitWorkingDays is not null)
            {
                yield return new(node.Id, "stageLimitWorkingDays is not executable yet; set the item's stageLimits");
            }
        }
    }

    /// <summary>An edge to another participant's task goes over the bus. Edges into an end are never hand-offs.</summary>
    private static bool IsHandOff(RouteEdge edge, Dictionary<string, RouteNode> nodes) =>
        nodes[edge.To].Kind == NodeKinds.Task && nodes[edge.To].Participant != nodes[edge.From].Participant;

    private static string TransitState(RouteEdge edge) => edge.Transit?.State ?? $"{edge.From}To{edge.To}";

    /// <summary>
    /// A node is undecided while a decide step is still ahead of it; the transit state of a decide hand-off is
    /// already decided (the result is on its way back), the one of any other hand-off is as undecided as its target.
    /// </summary>
    private static HashSet<string> UndecidedStates(RouteFile route, Dictionary<string, RouteNode> nodes)
    {
        var graph = new RouteGraph(route, nodes);
        var undecided = graph.ReachingAny(route.Edges.Where(e => e.Action == StepKinds.Decide).Select(e => e.From));
        foreach (var edge in route.Edges.Where(e => IsHandOff(e, nodes) && e.Action != StepKinds.Decide && undecided.Contains(e.To)))
        {
            undecided.Add(TransitState(edge));
        }

        return undecided;
    }
}
