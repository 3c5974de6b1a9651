using Tongban.Workflows.Definitions;

namespace Tongban.Workflows.Cases;

/// <summary>
/// What a state of a route IS, read from its definition and never from its name (routes are data; the code names no
/// state of a particular route): the post that holds it, the steps people take there, the stage clock it runs, whether
/// it is an end and which, the steps that lead to it, and for a hand-off in transit, the state it is on its way to.
/// </summary>
public sealed record StateTraits
{
    public required string Name { get; init; }

    /// <summary>The post role holding the case here; null in transit, at a closed case, or at an engine node nobody holds.</summary>
    public PostRole? HeldBy { get; init; }

    /// <summary>A hand-off not yet received (no holder, not an end).</summary>
    public bool InTransit { get; init; }

    public bool IsEnd { get; init; }

    /// <summary>An end the Withdraw transitions lead to (视为撤回); any other end is archived (归档).</summary>
    public bool IsWithdrawnEnd { get; init; }

    /// <summary>The stage clock the state runs: the definition's own, or (definitions stored before stages were compiled) the one of the steps it offers.</summary>
    public string? Stage { get; init; }

    /// <summary>fork, join, decision or timer: the engine leaves the state by itself.</summary>
    public string? AutomaticKind { get; init; }

    /// <summary>The steps people take here (transitions with a post role).</summary>
    public IReadOnlySet<CaseAction> Offers { get; init; } = new HashSet<CaseAction>();

    /// <summary>The actions of the transitions that lead here.</summary>
    public IReadOnlySet<CaseAction> ReachedBy { get; init; } = new HashSet<CaseAction>();

    /// <summary>In transit: the state its Receive leads to (where the hand-off is going); null otherwise.</summary>
    public StateTraits? Ahead { get; init; }

    /// <summary>The state itself, or for a hand-off in transit, the state it is on its way to.</summary>
    public StateTraits Destination => Ahead ?? this;

    public bool Offer(CaseAction action) => Offers.Contains(action);

    /// <summary>The traits of <paramref name="state"/>; null for the engine's before-intake marker or a state the definition does not have.</summary>
    public static StateTraits? Of(WorkflowDefinition definition, string state)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return Of(definition, state, hops: 0);
    }

    private static StateTraits? Of(WorkflowDefinition definition, string state, int hops)
    {
        if (state == CaseStates.None || definition.States.FirstOrDefault(s => s.Name == state) is not { } s) return null;
        var from = definition.From(state).ToList();
        var offers = from.Where(t => t.By is not null).Select(t => t.Action).ToHashSet();
        var reachedBy = definition.Transitions.Where(t => t.To == state).Select(t => t.Action).ToHashSet();
        var receive = s.InTransit && hops < 8 ? from.FirstOrDefault(t => t.Action == CaseAction.Receive) : null;
        return new StateTraits
        {
            Name = s.Name,
            HeldBy = s.HeldBy,
            InTransit = s.InTransit,
            IsEnd = s.IsFinal,
            IsWithdrawnEnd = s.IsFinal && reachedBy.Contains(CaseAction.Withdraw),
            Stage = Clocks.Stages.Of(definition, s),
            AutomaticKind = s.Automatic?.Kind,
            Offers = offers,
            ReachedBy = reachedBy,
            Ahead = receive is null ? null : Of(definition, receive.To, hops + 1),
        };
    }
}
