using System.Text.RegularExpressions;

namespace Tongban.Workflows.Routes;

/// <summary>
/// Checks a route before anyone relies on it. Pure; every error names the node it is about (or the route).
/// The rules are listed in docs/routes.md. Structure is checked first; the graph rules run only on a route
/// whose nodes and edges are well-formed, so one mistake does not produce a cascade of errors.
/// </summary>
public static partial class RouteValidator
{
    public const int MaxNodes = 200;
    public const int MaxEdges = 400;
    public const int MaxLabelLength = 40;
    public const int MaxNameLength = 60;
    public const int MaxNotesLength = 2000;

    public static IReadOnlyList<RouteError> Validate(RouteFile route, RouteVocabulary vocabulary)
    {
        var errors = new List<RouteError>();
        CheckRoute(route, errors);
        if (route.Nodes is null || route.Edges is null) return errors;
        if (route.Nodes.Count > MaxNodes) errors.Add(new(null, $"at most {MaxNodes} nodes"));
        if (route.Edges.Count > MaxEdges) errors.Add(new(null, $"at most {MaxEdges} edges"));
        if (errors.Count > 0) return errors;

        var nodes = CheckNodes(route, vocabulary, errors);
        CheckEdges(route, nodes, errors);
        CheckWithdrawal(route, nodes, errors);
        if (errors.Count > 0) return errors;

        var graph = new RouteGraph(route, nodes);
        CheckReachability(graph, errors);
        CheckForks(graph, errors);
        if (errors.Count > 0) return errors;

        CheckHandOffs(graph, errors);
        return errors;
    }

    private static void CheckRoute(RouteFile route, List<RouteError> errors)
    {
        if (!RouteReference.IdPattern().IsMatch(route.Id ?? "")) errors.Add(new(null, $"id must match {RouteReference.IdPattern()}"));
        if (route.Version is < 1 or > 999_999) errors.Add(new(null, "version must be 1 to 999999"));
        if (string.IsNullOrWhiteSpace(route.Name) || route.Name.Length > MaxNameLength) errors.Add(new(null, $"name: required, at most {MaxNameLength} characters"));
        if (route.Notes?.Length > MaxNotesLength) errors.Add(new(null, $"notes: at most {MaxNotesLength} characters"));
        if (route.Nodes is null) errors.Add(new(null, "nodes: required"));
        if (route.Edges is null) errors.Add(new(null, "edges: required"));
    }

    /// <summary>Per-node checks; returns the well-formed nodes by id (duplicates and nulls left out).</summary>
    private static Dictionary<string, RouteNode> CheckNodes(RouteFile route, RouteVocabulary vocabulary, List<RouteError> errors)
    {
        var byId = new Dictionary<string, RouteNode>(StringComparer.Ordinal);
        foreach (var (node, index) in route.Nodes.Select((n, i) => (n, i)))
        {
            if (node is null || !NodeIdPattern().IsMatch(node.Id ?? ""))
            {
                errors.Add(new(node?.Id, $"nodes[{index}]: id must match {NodeIdPattern()}"));
                continue;
            }

            if (!byId.TryAdd(node.Id!, node))
            {
                errors.Add(new(node.Id, "node id used more than once; names must be unique"));
                continue;
            }

            foreach (var message in NodeProblems(node, route, vocabulary)) errors.Add(new(node.Id, message));
        }

        var starts = byId.Values.Count(n => n.Kind == NodeKinds.Start);
        if (starts != 1) errors.Add(new(null, $"exactly one start node (found {starts})"));
        return byId;
    }

    private static IEnumerable<string> NodeProblems(RouteNode node, RouteFile route, RouteVocabulary vocabulary)
    {
        if (string.IsNullOrWhiteSpace(node.Label) || node.Label.Length > MaxLabelLength) yield return $"label: required (zh-CN), at most {MaxLabelLength} characters";
        if (!NodeKinds.All.Contains(node.Kind)) yield return $"unknown kind '{node.Kind}'; one of {string.Join(", ", NodeKinds.All)}";

        var hasParticipant = node.Kind is NodeKinds.Start or NodeKinds.Task;
        if (hasParticipant && node.Participant is null) yield return "participant: required";
        else if (hasParticipant && !Participants.IsKnown(node.Participant, vocabulary)) yield return $"unknown participant '{node.Participant}'; one of {string.Join(", ", Participants.Fixed)} or {Participants.DepartmentPrefix}<code> of a known department";
        else if (!hasParticipant && node.Participant is not null) yield return $"a {node.Kind} node has no participant (it belongs to the node before it)";

        if (node.Kind == NodeKinds.Task)
        {
            if (node.Steps is null || node.Steps.Count == 0) yield return "steps: a task needs at least one step kind";
            foreach (var step in node.Steps ?? [])
            {
                if (!StepKinds.IsKnown(step)) yield return $"unknown step kind '{step}'; one of {string.Join(", ", StepKinds.All)}";
                else if (step == StepKinds.Intake) yield return "intake is the start node's step, not a task's";
            }

            if (node.Steps?.Distinct(StringComparer.Ordinal).Count() < node.Steps?.Count) yield return "steps: each step kind at most once";
            if (node.StageLimitWorkingDays is < 0 or > 365) yield return "stageLimitWorkingDays: 0 to 365";
        }
        else if (node.Steps is not null || node.StageLimitWorkingDays is not null)
        {
            yield return "only a task has steps and a stage limit";
        }

        if (node.Kind == NodeKinds.Join && route.Node(node.Fork)?.Kind != NodeKinds.Fork) yield return $"fork: a join names the fork whose branches it waits for ('{node.Fork}' is not a fork)";
        if (node.Kind == NodeKinds.Decision)
        {
            if (node.On is null || !DecisionFacts.Values.ContainsKey(node.On)) yield return $"on: one of {string.Join(", ", DecisionFacts.Values.Keys)}";
            if (node.On == "itemFlag" && !FlagPattern().IsMatch(node.Flag ?? "")) yield return $"flag: the item flag to branch on, matching {FlagPattern()}";
        }

        if (node.Kind == NodeKinds.Timer && node.WorkingDays is not (>= 1 and <= 365)) yield return "workingDays: 1 to 365";
        if (node.Kind == NodeKinds.End && node.Outcome is not (EndOutcomes.Archived or EndOutcomes.Withdrawn)) yield return $"outcome: {EndOutcomes.Archived} or {EndOutcomes.Withdrawn}";
    }

    private static void CheckEdges(RouteFile route, Dictionary<string, RouteNode> nodes, List<RouteError> errors)
    {
        foreach (var (edge, index) in route.Edges.Select((e, i) => (e, i)))
        {
            if (edge is null) errors.Add(new(null, $"edges[{index}]: null"));
            else if (!nodes.ContainsKey(edge.From ?? "")) errors.Add(new(edge.From, $"edges[{index}]: no node '{edge.From}' to start from"));
            else if (!nodes.ContainsKey(edge.To ?? "")) errors.Add(new(edge.From, $"edges[{index}]: leads to '{edge.To}', which is no node"));
            else if (nodes[edge.To!].Kind == NodeKinds.Start) errors.Add(new(edge.From, "no edge may lead back to the start"));
        }

        if (errors.Count > 0) return;
        var transitNames = route.Edges.Where(e => e.Transit?.State is not null).GroupBy(e => e.Transit!.State, StringComparer.Ordinal);
        foreach (var name in transitNames)
        {
            if (name.Count() > 1 || nodes.ContainsKey(name.Key)) errors.Add(new(name.First().From, $"transit state '{name.Key}' is not unique; names must be unique"));
        }

        foreach (var node in nodes.Values)
        {
            var outgoing = route.Edges.Where(e => e.From == node.Id).ToList();
            foreach (var message in EdgeProblems(node, outgoing)) errors.Add(new(node.Id, message));
        }
    }

    private static IEnumerable<string> EdgeProblems(RouteNode node, List<RouteEdge> outgoing)
    {
        var takesActions = node.Kind is NodeKinds.Start or NodeKinds.Task;
        if (!takesActions && outgoing.Any(e => e.Action is not null)) yield return $"edges from a {node.Kind} node carry no action";
        if (node.Kind != NodeKinds.Fork && outgoing.Any(e => e.Branch is not null)) yield return "only a fork's edges name a branch";
        if (node.Kind != NodeKinds.Decision && outgoing.Any(e => e.When is not null)) yield return "only a decision's edges have 'when'";
        foreach (var transit in outgoing.Select(e => e.Transit).OfType<RouteTransit>())
        {
            if (!NodeIdPattern().IsMatch(transit.State ?? "")) yield return $"transit state must match {NodeIdPattern()}";
            if (string.IsNullOrWhiteSpace(transit.Label) || transit.Label.Length > MaxLabelLength) yield return $"transit label: required, at most {MaxLabelLength} characters";
        }

        switch (node.Kind)
        {
            case NodeKinds.Start:
                if (outgoing.Count != 1 || outgoing[0].Action != StepKinds.Intake) yield return "the start has exactly one edge, with action intake";
                break;
            case NodeKinds.Task:
                foreach (var edge in outgoing.Where(e => e.Action is null || node.Steps?.Contains(e.Action) != true)) yield return $"edge to {edge.To}: action '{edge.Action}' is not one of this task's steps";
                foreach (var step in (node.Steps ?? []).Where(s => outgoing.All(e => e.Action != s))) yield return $"step '{step}' has no edge";
                foreach (var twice in outgoing.GroupBy(e => e.Action).Where(g => g.Count() > 1)) yield return $"two edges with action '{twice.Key}'; a step leads to one node (branch with a decision node)";
                break;
            case NodeKinds.Fork:
                if (outgoing.Count < 2) yield return "a fork has at least two branches";
                if (outgoing.Any(e => e.Branch is not (Branches.Lead or Branches.Assisting))) yield return "every branch of a fork is lead or assisting";
                if (outgoing.Count(e => e.Branch == Branches.Lead) != 1) yield return "a fork has exactly one lead branch";
                break;
            case NodeKinds.Decision:
                var values = node.On is null ? [] : DecisionFacts.Values.GetValueOrDefault(node.On) ?? [];
                foreach (var edge in outgoing.Where(e => e.When != DecisionFacts.Otherwise && !values.Contains(e.When ?? ""))) yield return $"edge to {edge.To}: when '{edge.When}' is not one of {string.Join(", ", values)}, {DecisionFacts.Otherwise}";
                foreach (var twice in outgoing.GroupBy(e => e.When).Where(g => g.Count() > 1)) yield return $"when '{twice.Key}' on more than one edge";
                var uncovered = values.Where(v => outgoing.All(e => e.When != v)).ToList();
                if (outgoing.All(e => e.When != DecisionFacts.Otherwise) && uncovered.Count > 0) yield return $"no edge for {string.Join(", ", uncovered)} (add them or an '{DecisionFacts.Otherwise}' edge)";
                break;
            case NodeKinds.Join or NodeKinds.Timer:
                if (outgoing.Count != 1) yield return $"a {node.Kind} has exactly one outgoing edge";
                break;
            case NodeKinds.End:
                if (outgoing.Count > 0) yield return "an end node has no outgoing edges";
                break;
        }
    }

    private static void CheckReachability(RouteGraph graph, List<RouteError> errors)
    {
        // The withdrawn end is reached by the timer's 视为撤回, which is no edge (see withdrawTo).
        var reachable = graph.ReachableFrom(graph.Start.Id);
        if (graph.WithdrawTo is { } withdrawTo) reachable.Add(withdrawTo);
        foreach (var node in graph.Nodes.Where(n => !reachable.Contains(n.Id))) errors.Add(new(node.Id, "dead node: not reachable from the start"));

        var reachesEnd = graph.ReachingAny(graph.Nodes.Where(n => n.Kind == NodeKinds.End).Select(n => n.Id));
        foreach (var node in graph.Nodes.Where(n => reachable.Contains(n.Id) && !reachesEnd.Contains(n.Id))) errors.Add(new(node.Id, "no path from here reaches an end"));
    }

    /// <summary>Each fork has one join; each branch reaches it without ending, meeting another branch or looping back.</summary>
    private static void CheckForks(RouteGraph graph, List<RouteError> errors)
    {
        foreach (var fork in graph.Nodes.Where(n => n.Kind == NodeKinds.Fork))
        {
            var joins = graph.Nodes.Where(n => n.Kind == NodeKinds.Join && n.Fork == fork.Id).ToList();
            if (joins.Count != 1)
            {
                errors.Add(new(fork.Id, joins.Count == 0 ? "this fork has no join" : $"this fork has {joins.Count} joins ({string.Join(", ", joins.Select(j => j.Id))}); forks and joins pair up"));
                continue;
            }

            var join = joins[0];
            var branchOf = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var edge in graph.Out(fork.Id))
            {
                var branch = $"{edge.Branch} branch via {edge.To}";
                var members = graph.ReachableFrom(edge.To, stopAt: join.Id);
                if (!members.Contains(join.Id)) errors.Add(new(fork.Id, $"the {branch} never reaches join {join.Id}"));
                foreach (var id in members.Where(id => id != join.Id))
                {
                    var node = graph.Node(id);
                    if (node.Kind == NodeKinds.End) errors.Add(new(id, $"the {branch} of fork {fork.Id} ends here before join {join.Id}"));
                    else if (id == fork.Id) errors.Add(new(fork.Id, $"the {branch} loops back to the fork"));
                    else if (!branchOf.TryAdd(id, branch)) errors.Add(new(id, $"on two branches of fork {fork.Id} ({branchOf[id]}; {branch}); branches meet only at join {join.Id}"));
                }
            }

            foreach (var edge in graph.In(join.Id).Where(e => !branchOf.ContainsKey(e.From)))
            {
                errors.Add(new(join.Id, $"entered from {edge.From}, which is on no branch of fork {fork.Id}"));
            }
        }
    }

    /// <summary>
    /// Gateways (fork, decision, timer) belong to the participant of the node before them, so a hand-off must
    /// land on a task; a join belongs to its lead branch, and an assisting branch hands its result back to it.
    /// </summary>
    private static void CheckHandOffs(RouteGraph graph, List<RouteError> errors)
    {
        var owners = graph.Owners();
        foreach (var node in graph.Nodes.Where(n => n.Kind is NodeKinds.Fork or NodeKinds.Decision or NodeKinds.Timer))
        {
            var from = graph.In(node.Id).Select(e => owners.GetValueOrDefault(e.From)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            if (from.Count > 1) errors.Add(new(node.Id, $"entered from {string.Join(" and ", from)}: a hand-off must land on a task of the receiving participant"));
        }

        foreach (var edge in graph.Edges.Where(e => e.Transit is not null))
        {
            var to = graph.Node(edge.To);
            var handOff = owners.GetValueOrDefault(edge.From) is { } source && owners.GetValueOrDefault(edge.To) is { } target && source != target;
            if (!handOff || to.Kind is not (NodeKinds.Task or NodeKinds.Join)) errors.Add(new(edge.From, $"edge to {edge.To} has a transit state but is no hand-off to another participant's task"));
        }
    }

    private static void CheckWithdrawal(RouteFile route, Dictionary<string, RouteNode> nodes, List<RouteError> errors)
    {
        if (route.WithdrawTo is null) return;
        if (!nodes.TryGetValue(route.WithdrawTo, out var end) || end.Kind != NodeKinds.End || end.Outcome != EndOutcomes.Withdrawn)
        {
            errors.Add(new(route.WithdrawTo, "withdrawTo must name an end node with outcome withdrawn"));
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,39}$")]
    public static partial Regex NodeIdPattern();

    [GeneratedRegex("^[a-z][A-Za-z0-9]{0,39}$")]
    private static partial Regex FlagPattern();
}
