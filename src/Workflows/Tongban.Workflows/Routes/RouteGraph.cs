namespace Tongban.Workflows.Routes;

/// <summary>A well-formed route's nodes and edges, indexed for the validator's and compiler's walks.</summary>
internal sealed class RouteGraph
{
    private readonly Dictionary<string, RouteNode> _nodes;
    private readonly ILookup<string, RouteEdge> _out;
    private readonly ILookup<string, RouteEdge> _in;

    public RouteGraph(RouteFile route, Dictionary<string, RouteNode> nodes)
    {
        _nodes = nodes;
        Nodes = route.Nodes.Where(n => n is not null && nodes.GetValueOrDefault(n.Id) == n).ToList();
        Edges = route.Edges;
        _out = Edges.ToLookup(e => e.From, StringComparer.Ordinal);
        _in = Edges.ToLookup(e => e.To, StringComparer.Ordinal);
        Start = Nodes.Single(n => n.Kind == NodeKinds.Start);
        WithdrawTo = route.WithdrawTo is { } id && nodes.ContainsKey(id) ? id : null;
    }

    public string? WithdrawTo { get; }

    /// <summary>In file order.</summary>
    public IReadOnlyList<RouteNode> Nodes { get; }

    public IReadOnlyList<RouteEdge> Edges { get; }

    public RouteNode Start { get; }

    public RouteNode Node(string id) => _nodes[id];

    public IEnumerable<RouteEdge> Out(string id) => _out[id];

    public IEnumerable<RouteEdge> In(string id) => _in[id];

    /// <summary>The nodes reachable from <paramref name="id"/> (itself included); the walk does not go past <paramref name="stopAt"/>.</summary>
    public HashSet<string> ReachableFrom(string id, string? stopAt = null) => Walk([id], n => n == stopAt ? [] : Out(n).Select(e => e.To));

    /// <summary>The nodes from which one of <paramref name="targets"/> can be reached (the targets included).</summary>
    public HashSet<string> ReachingAny(IEnumerable<string> targets) => Walk(targets, n => In(n).Select(e => e.From));

    /// <summary>
    /// The participant each node belongs to: a start's or task's own; a fork's, decision's or timer's the one of
    /// the node before it; a join's the one of its lead branch. Ends belong to nobody.
    /// </summary>
    public Dictionary<string, string> Owners()
    {
        var owners = Nodes.Where(n => n.Participant is not null).ToDictionary(n => n.Id, n => n.Participant!, StringComparer.Ordinal);
        var leadEnds = Nodes.Where(n => n.Kind == NodeKinds.Join).ToDictionary(n => n.Id, LeadPredecessors, StringComparer.Ordinal);
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var node in Nodes.Where(n => n.Kind is NodeKinds.Fork or NodeKinds.Decision or NodeKinds.Timer or NodeKinds.Join && !owners.ContainsKey(n.Id)))
            {
                var from = node.Kind == NodeKinds.Join ? leadEnds[node.Id] : In(node.Id).Select(e => e.From);
                if (from.Select(owners.GetValueOrDefault).OfType<string>().FirstOrDefault() is { } owner)
                {
                    owners[node.Id] = owner;
                    changed = true;
                }
            }
        }

        return owners;
    }

    /// <summary>The nodes on the lead branch of a join's fork that lead into the join.</summary>
    private List<string> LeadPredecessors(RouteNode join)
    {
        var lead = Out(join.Fork!).FirstOrDefault(e => e.Branch == Branches.Lead);
        if (lead is null) return [];
        var members = ReachableFrom(lead.To, stopAt: join.Id);
        return In(join.Id).Select(e => e.From).Where(members.Contains).ToList();
    }

    private static HashSet<string> Walk(IEnumerable<string> from, Func<string, IEnumerable<string>> next)
    {
        var seen = new HashSet<string>(from, StringComparer.Ordinal);
        var queue = new Queue<string>(seen);
        while (queue.TryDequeue(out var id))
        {
            foreach (var to in next(id).Where(seen.Add)) queue.Enqueue(to);
        }

        return seen;
    }
}
