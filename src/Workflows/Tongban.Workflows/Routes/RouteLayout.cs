namespace Tongban.Workflows.Routes;

/// <summary>
/// Where each node of a route goes in its diagram: a layer (the longest path from the start, ignoring the edges
/// that loop back), a lane (its participant; gateways and ends take the lane of the node before them) and a
/// column within the lane. Works on invalid routes too: unknown ends are skipped, unreachable nodes still placed.
/// </summary>
public sealed record RouteLayout(IReadOnlyList<RouteLayout.PlacedNode> Nodes, IReadOnlyList<RouteLayout.PlacedEdge> Edges, IReadOnlyList<RouteLayout.Lane> Lanes, int Layers)
{
    public const string NoLane = "";

    public sealed record PlacedNode(RouteNode Node, int Layer, string Lane, int Column);

    /// <param name="Back">The edge goes back to an earlier layer (a loop such as the correction loop).</param>
    /// <param name="HandOff">The edge crosses to another participant's lane.</param>
    public sealed record PlacedEdge(RouteEdge Edge, bool Back, bool HandOff);

    public sealed record Lane(string Participant, int Columns);

    public static RouteLayout Of(RouteFile route)
    {
        var nodes = new List<RouteNode>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in route.Nodes ?? [])
        {
            if (node?.Id is not null && seen.Add(node.Id)) nodes.Add(node);
        }

        var edges = (route.Edges ?? []).Where(e => e is not null && seen.Contains(e.From ?? "") && seen.Contains(e.To ?? "")).ToList();
        var back = BackEdges(nodes, edges);
        var forward = edges.Where(e => !back.Contains(e)).ToList();
        var order = TopologicalOrder(nodes, forward);

        var layer = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in order)
        {
            layer[id] = forward.Where(e => e.To == id).Select(e => layer.GetValueOrDefault(e.From, 0) + 1).DefaultIfEmpty(0).Max();
        }

        // The withdrawn end is reached by the timer, not by an edge: it goes last, in the start's lane.
        var last = layer.Values.DefaultIfEmpty(0).Max();
        if (route.WithdrawTo is { } withdrawn && layer.ContainsKey(withdrawn) && !forward.Any(e => e.To == withdrawn)) layer[withdrawn] = Math.Max(last, 1);

        var lane = new Dictionary<string, string>(StringComparer.Ordinal);
        var start = nodes.FirstOrDefault(n => n.Kind == NodeKinds.Start);
        foreach (var id in order)
        {
            var node = nodes.First(n => n.Id == id);
            lane[id] = node.Participant is { Length: > 0 } p && node.Kind is NodeKinds.Start or NodeKinds.Task ? p
                : forward.Where(e => e.To == id).Select(e => lane.GetValueOrDefault(e.From, NoLane)).FirstOrDefault(l => l != NoLane)
                ?? (id == route.WithdrawTo ? start?.Participant ?? NoLane : NoLane);
        }

        var placed = new List<PlacedNode>();
        foreach (var group in nodes.GroupBy(n => (layer[n.Id], lane[n.Id])))
        {
            placed.AddRange(group.Select((n, i) => new PlacedNode(n, layer[n.Id], lane[n.Id], i)));
        }

        var lanes = placed.GroupBy(p => p.Lane)
            .Select(g => new Lane(g.Key, g.Max(p => p.Column) + 1))
            .OrderBy(l => LaneRank(l.Participant)).ThenBy(l => l.Participant, StringComparer.Ordinal)
            .ToList();
        var placedEdges = edges.Select(e => new PlacedEdge(
            e,
            back.Contains(e) || layer[e.To] <= layer[e.From],
            lane[e.From] != lane[e.To] && lane[e.From] != NoLane && lane[e.To] != NoLane && nodes.First(n => n.Id == e.To).Kind != NodeKinds.End)).ToList();
        return new(placed.OrderBy(p => p.Layer).ThenBy(p => LaneRank(p.Lane)).ToList(), placedEdges, lanes, layer.Values.DefaultIfEmpty(0).Max() + 1);
    }

    private static int LaneRank(string participant) => participant switch
    {
        Participants.IntakeWindow => 0,
        Participants.IntakeSpecialist => 1,
        Participants.RegistrationTownship => 2,
        NoLane => 4,
        _ => 3,
    };

    /// <summary>Edges closing a cycle, found by a depth-first walk from the start (then from any node not yet seen), in file order.</summary>
    private static HashSet<RouteEdge> BackEdges(List<RouteNode> nodes, List<RouteEdge> edges)
    {
        var back = new HashSet<RouteEdge>(ReferenceEqualityComparer.Instance);
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 on the stack, 2 done
        var roots = nodes.Where(n => n.Kind == NodeKinds.Start).Concat(nodes).Select(n => n.Id);
        foreach (var root in roots)
        {
            if (state.ContainsKey(root)) continue;
            var stack = new Stack<(string Id, int Next)>();
            stack.Push((root, 0));
            state[root] = 1;
            while (stack.Count > 0)
            {
                var (id, next) = stack.Pop();
                var outgoing = edges.Where(e => e.From == id).ToList();
                if (next >= outgoing.Count)
                {
                    state[id] = 2;
                    continue;
                }

                stack.Push((id, next + 1));
                var edge = outgoing[next];
                switch (state.GetValueOrDefault(edge.To))
                {
                    case 1:
                        back.Add(edge);
                        break;
                    case 0:
                        state[edge.To] = 1;
                        stack.Push((edge.To, 0));
                        break;
                }
            }
        }

        return back;
    }

    private static List<string> TopologicalOrder(List<RouteNode> nodes, List<RouteEdge> forward)
    {
        var indegree = nodes.ToDictionary(n => n.Id, n => forward.Count(e => e.To == n.Id), StringComparer.Ordinal);
        var ready = new Queue<string>(nodes.Where(n => indegree[n.Id] == 0).Select(n => n.Id));
        var order = new List<string>();
        while (ready.TryDequeue(out var id))
        {
            order.Add(id);
            foreach (var edge in forward.Where(e => e.From == id))
            {
                if (--indegree[edge.To] == 0) ready.Enqueue(edge.To);
            }
        }

        return order;
    }
}
