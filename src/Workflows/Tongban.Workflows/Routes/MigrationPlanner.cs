namespace Tongban.Workflows.Routes;

/// <summary>
/// An open case as a migration plan sees it: where it is (its state: a node id or a hand-off's transit state), its
/// version, and how many branch tasks (并联办理) it has open or on their way.
/// </summary>
public sealed record MigrationCase(Guid CaseId, string Number, string State, int Version, bool Closed = false, int OpenBranchTasks = 0);

/// <summary>Why a plan leaves a case where it is.</summary>
public enum MigrationRefusal
{
    /// <summary>The case's active node (or transit state) has no entry in the mapping.</summary>
    NotMapped,

    /// <summary>The case is being handed off (a transit state, nobody holds it) and the mapping sends it to another participant's node.</summary>
    HandOffInFlight,

    /// <summary>The mapping names a node the target route does not have.</summary>
    TargetMissing,

    /// <summary>The mapping names a fork, join, decision, timer or start: a case can only rest on a task or an end.</summary>
    TargetNotTask,

    /// <summary>The case has branch tasks open (并联办理): a mapping of its one state cannot say where they go.</summary>
    InParallelBranches,

    /// <summary>The case waits at a fork, join, decision or timer of the source route (e.g. 公示): the engine, not a person, moves it on.</summary>
    SourceNotTask,
}

public sealed record MigrationMove(Guid CaseId, string Number, int Version, string From, string To);

public sealed record MigrationRefused(Guid CaseId, string Number, int Version, string State, MigrationRefusal Reason, string Message);

/// <summary>What a plan would do: the cases it moves and those it refuses, each with the reason.</summary>
public sealed record MigrationDryRun(IReadOnlyList<MigrationMove> Moves, IReadOnlyList<MigrationRefused> Refused);

/// <summary>
/// Plans the migration of running cases from one route version to another by an explicit node mapping (source
/// node id or transit state → target node id), like Camunda's process-instance migration and unlike Elsa's graph
/// swap: every open case either moves to a mapped task/end node or is refused with the reason. Closed cases are not
/// touched. Pure: the caller reads the cases and applies the moves.
/// </summary>
public static class MigrationPlanner
{
    public const int MaxMappings = 200;

    public static MigrationDryRun Plan(RouteFile source, RouteFile target, IReadOnlyDictionary<string, string> mapping, IEnumerable<MigrationCase> cases)
    {
        var transits = TransitStates(source);
        var moves = new List<MigrationMove>();
        var refused = new List<MigrationRefused>();
        foreach (var c in cases.Where(c => !c.Closed).OrderBy(c => c.Number, StringComparer.Ordinal))
        {
            if (Refusal(source, target, mapping, transits, c) is { } refusal)
            {
                refused.Add(new(c.CaseId, c.Number, c.Version, c.State, refusal.Reason, refusal.Message));
            }
            else
            {
                moves.Add(new(c.CaseId, c.Number, c.Version, c.State, mapping[c.State]));
            }
        }

        return new(moves, refused);
    }

    /// <summary>
    /// The transit states of a route's hand-offs (an edge to another participant's task), each with the node it is
    /// on its way to. The compiler names them the same way: the edge's <c>transit.state</c>, else <c>&lt;from&gt;To&lt;to&gt;</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, RouteNode> TransitStates(RouteFile route)
    {
        var nodes = route.Nodes.Where(n => n is not null).GroupBy(n => n.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var transits = new Dictionary<string, RouteNode>(StringComparer.Ordinal);
        foreach (var edge in route.Edges.Where(e => e is not null))
        {
            if (!nodes.TryGetValue(edge.From, out var from) || !nodes.TryGetValue(edge.To, out var to)) continue;
            if (to.Kind != NodeKinds.Task || to.Participant == from.Participant) continue;
            transits.TryAdd(edge.Transit?.State ?? $"{edge.From}To{edge.To}", to);
        }

        return transits;
    }

    private static (MigrationRefusal Reason, string Message)? Refusal(
        RouteFile source, RouteFile target, IReadOnlyDictionary<string, string> mapping, IReadOnlyDictionary<string, RouteNode> transits, MigrationCase c)
    {
        var state = c.State;
        if (c.OpenBranchTasks > 0)
        {
            return (MigrationRefusal.InParallelBranches, $"案件有 {c.OpenBranchTasks} 项并联任务未完成，不能按单一节点迁移；请待汇合后再迁移。");
        }

        if (source.Node(state) is { Kind: not (NodeKinds.Task or NodeKinds.Start or NodeKinds.End) } waiting)
        {
            return (MigrationRefusal.SourceNotTask, $"案件停在源路线的{waiting.Kind}节点 {state}（由引擎推进），不能迁移；请待其推进到办理节点后再迁移。");
        }

        if (!mapping.TryGetValue(state, out var to))
        {
            return (MigrationRefusal.NotMapped, $"案件当前节点 {state} 未在映射中。");
        }

        var node = target.Node(to);
        if (node is null) return (MigrationRefusal.TargetMissing, $"目标路线 {target.Reference} 没有节点 {to}。");
        if (node.Kind is not (NodeKinds.Task or NodeKinds.End))
        {
            return (MigrationRefusal.TargetNotTask, $"目标节点 {to} 不是办理节点或结束节点（{node.Kind}）。");
        }

        if (transits.TryGetValue(state, out var receiving) && source.Node(state) is null && node.Participant != receiving.Participant)
        {
            return (MigrationRefusal.HandOffInFlight, $"案件正在移交给 {receiving.Participant}（{state}），不能映射到其他办理方的节点 {to}（{node.Participant ?? "结束"}）。");
        }

        return null;
    }
}
