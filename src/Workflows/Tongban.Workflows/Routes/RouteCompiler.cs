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
/// Turns a valid route into the definition the engine runs (<see cref="WorkflowDefinition"/>). Pure. The case's own
/// state follows the route's main line (start, tasks, the lead branch of a fork, joins, decisions, timers, ends);
/// tasks of assisting branches become <see cref="BranchTaskDefinition"/>s, opened by their fork and waited for by
/// its join. A task node becomes a state held by its participant's post role, with the stage clock of its step
/// kinds; fork, join, decision and timer nodes become states the engine leaves by itself (<see cref="AutomaticNode"/>),
/// held by the post of the participant they belong to; an edge to another participant's task becomes a hand-off
/// (transition with HandOffTo, a transit state, and the receiving node's Receive); <see cref="RouteFile.WithdrawTo"/>
/// becomes a Withdraw transition from every state before the decision.
/// What the engine cannot run yet is refused, naming the node: a county department on the main line (departments
/// give opinions in assisting branches), anything but tasks in an assisting branch, a fork inside a branch.
/// </summary>
public static class RouteCompiler
{
    public static RouteCompilation Compile(RouteFile route, string itemCode, int itemVersion, RouteVocabulary vocabulary)
    {
        var errors = RouteValidator.Validate(route, vocabulary).ToList();
        if (errors.Count > 0) return new(null, errors);

        var nodes = route.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        var graph = new RouteGraph(route, nodes);
        var owners = graph.Owners();
        var branchOf = AssistingBranches(graph);
        errors.AddRange(NotExecutable(graph, branchOf));
        var mainEdges = route.Edges.Where(e => !branchOf.ContainsKey(e.From) && !branchOf.ContainsKey(e.To)).ToList();
        bool IsHandOff(RouteEdge e) => nodes[e.To].Kind == NodeKinds.Task && nodes[e.To].Participant != owners.GetValueOrDefault(e.From);
        errors.AddRange(mainEdges.Where(IsHandOff).GroupBy(TransitState, StringComparer.Ordinal)
            .Where(g => g.Count() > 1 || nodes.ContainsKey(g.Key))
            .Select(g => new RouteError(g.First().From, $"the hand-off to {g.First().To} would wait in state {g.Key}, a name already used; name its transit state")));
        if (errors.Count > 0) return new(null, errors);

        var states = new List<StateDefinition>();
        foreach (var node in graph.Nodes.Where(n => !branchOf.ContainsKey(n.Id)))
        {
            var owner = owners.GetValueOrDefault(node.Id);
            switch (node.Kind)
            {
                case NodeKinds.Task:
                    states.Add(new(node.Id, node.Label!, Participants.RoleOf(node.Participant!)) { Stage = StepKinds.StageOf(node.Steps!), StageLimitDays = node.StageLimitWorkingDays });
                    break;
                case NodeKinds.End:
                    states.Add(new(node.Id, node.Label!, null, IsFinal: true));
                    break;
                case NodeKinds.Fork or NodeKinds.Join or NodeKinds.Decision or NodeKinds.Timer:
                    states.Add(new(node.Id, node.Label!, owner is null ? null : Participants.RoleOf(owner)) { Automatic = Automatic(node, graph) });
                    break;
            }

            foreach (var edge in mainEdges.Where(e => e.From == node.Id && IsHandOff(e)))
            {
                states.Add(new(TransitState(edge), edge.Transit?.Label ?? "移交中", null));
            }
        }

        var transitions = new List<TransitionDefinition>();
        foreach (var edge in mainEdges)
        {
            var from = nodes[edge.From];
            if (from.Kind == NodeKinds.Fork && edge.Branch != Branches.Lead) continue;
            var source = from.Kind == NodeKinds.Start ? CaseStates.None : from.Id;
            var action = ActionOf(from, edge);
            // People take start and task steps; the engine takes the others (By null, like a hand-off's Receive).
            var by = from.Kind is NodeKinds.Start or NodeKinds.Task ? Participants.RoleOf(from.Participant!) : null;
            if (IsHandOff(edge))
            {
                transitions.Add(new(action, source, TransitState(edge), by, HandOffTo: Participants.RoleOf(nodes[edge.To].Participant!)) { When = edge.When });
                transitions.Add(new(CaseAction.Receive, TransitState(edge), edge.To, null));
            }
            else
            {
                transitions.Add(new(action, source, edge.To, by) { When = edge.When });
            }
        }

        if (route.WithdrawTo is { } withdrawn)
        {
            var undecided = UndecidedStates(route, graph, mainEdges, IsHandOff);
            transitions.AddRange(states.Where(s => !s.IsFinal && undecided.Contains(s.Name)).Select(s => new TransitionDefinition(CaseAction.Withdraw, s.Name, withdrawn, null)));
        }

        var branchTasks = graph.Nodes.Where(n => branchOf.ContainsKey(n.Id)).Select(n => new BranchTaskDefinition(
            n.Id, n.Label!, n.Participant!, Participants.RoleOf(n.Participant!)!.Value, branchOf[n.Id], n.StageLimitWorkingDays,
            [.. graph.Out(n.Id).Select(e => new BranchStepDefinition(StepKinds.ActionOf(e.Action!)!.Value, e.To, nodes[e.To].Kind == NodeKinds.Join))])).ToList();
        return new(new(WorkflowDefinition.IdFor(itemCode, itemVersion), itemCode, itemVersion, route.Id, states, transitions) { BranchTasks = branchTasks }, []);
    }

    private static CaseAction ActionOf(RouteNode from, RouteEdge edge) => from.Kind switch
    {
        NodeKinds.Fork => CaseAction.Fork,
        NodeKinds.Join => CaseAction.Join,
        NodeKinds.Decision => CaseAction.Choose,
        NodeKinds.Timer => CaseAction.Elapse,
        _ => StepKinds.ActionOf(edge.Action!)!.Value,
    };

    private static AutomaticNode Automatic(RouteNode node, RouteGraph graph) => new(node.Kind)
    {
        On = node.On,
        Flag = node.Flag,
        WorkingDays = node.WorkingDays,
        Fork = node.Fork,
        Branches = node.Kind == NodeKinds.Fork ? [.. graph.Out(node.Id).Where(e => e.Branch == Branches.Assisting).Select(e => e.To)] : [],
    };

    /// <summary>The nodes of every assisting branch, each with its fork: from the branch's first node up to (not including) the join.</summary>
    private static Dictionary<string, string> AssistingBranches(RouteGraph graph)
    {
        var branchOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var join in graph.Nodes.Where(n => n.Kind == NodeKinds.Join))
        {
            foreach (var edge in graph.Out(join.Fork!).Where(e => e.Branch == Branches.Assisting))
            {
                foreach (var member in graph.ReachableFrom(edge.To, stopAt: join.Id).Where(m => m != join.Id)) branchOf[member] = join.Fork!;
            }
        }

        return branchOf;
    }

    private static IEnumerable<RouteError> NotExecutable(RouteGraph graph, Dictionary<string, string> branchOf)
    {
        foreach (var node in graph.Nodes)
        {
            if (branchOf.ContainsKey(node.Id) && node.Kind != NodeKinds.Task)
            {
                yield return new(node.Id, $"an assisting branch may hold only tasks; a {node.Kind} there is not executable yet");
            }

            if (!branchOf.ContainsKey(node.Id) && node.Participant is { } participant && Participants.DepartmentOf(participant) is not null)
            {
                yield return new(node.Id, $"participant {participant} works in assisting branches; on the main line (the case's own state) it is not executable yet");
            }

            if (!branchOf.ContainsKey(node.Id) && (node.Steps ?? []).Contains(StepKinds.GiveOpinion))
            {
                yield return new(node.Id, "giveOpinion is an assisting branch's step; on the main line it is not executable");
            }

            if (branchOf.ContainsKey(node.Id) && graph.Out(node.Id).Count() != 1)
            {
                yield return new(node.Id, "a task of an assisting branch has exactly one step (one outgoing edge) in this release");
            }
        }
    }

    private static string TransitState(RouteEdge edge) => edge.Transit?.State ?? $"{edge.From}To{edge.To}";

    /// <summary>
    /// A node is undecided while a decide step is still ahead of it; the transit state of a decide hand-off is
    /// already decided (the result is on its way back), the one of any other hand-off is as undecided as its target.
    /// </summary>
    private static HashSet<string> UndecidedStates(RouteFile route, RouteGraph graph, List<RouteEdge> mainEdges, Func<RouteEdge, bool> isHandOff)
    {
        var undecided = graph.ReachingAny(route.Edges.Where(e => e.Action == StepKinds.Decide).Select(e => e.From));
        foreach (var edge in mainEdges.Where(e => isHandOff(e) && e.Action != StepKinds.Decide && undecided.Contains(e.To)))
        {
            // A decision's edges come after the decide step: their hand-offs carry the result back.
            if (graph.Node(edge.From).Kind == NodeKinds.Decision && !undecided.Contains(edge.From)) continue;
            undecided.Add(TransitState(edge));
        }

        return undecided;
    }
}
