namespace Tongban.Workflows.Runtime.Monitoring;

/// <summary>
/// How the bureau's running counts (<see cref="BureauCount"/>) count a case: not at all (green, clock stopped, or
/// closed), at risk, or overdue. Stored as a number: the counts' SQL compares it on both providers.
/// </summary>
public enum AttentionBand
{
    None = 0,
    Yellow = 1,
    Red = 2,
}

public static class AttentionBands
{
    /// <summary>
    /// The band at <paramref name="now"/>, by the same comparisons as the bureau's filter (attention ≤ now, due &lt; now),
    /// so the counts and a scan of the cases agree by construction.
    /// </summary>
    public static AttentionBand At(DateTimeOffset? attentionAt, DateTimeOffset? earliestDueAt, DateTimeOffset now) =>
        attentionAt is not { } attention || attention > now ? AttentionBand.None
        : earliestDueAt < now ? AttentionBand.Red
        : AttentionBand.Yellow;

    /// <summary>
    /// The instants between which <paramref name="band"/> stays the case's band while its clocks do not change:
    /// from (inclusive; null = always) until (null = never). Outside them the clock has moved the case on, or a
    /// node with a clock ahead counted it early. The ends are inclusive both ways, so checking them finds a
    /// superset of the moved cases, never fewer.
    /// </summary>
    public static (DateTimeOffset? From, DateTimeOffset? Until) Interval(AttentionBand band, DateTimeOffset? attentionAt, DateTimeOffset? earliestDueAt) => band switch
    {
        AttentionBand.None => (null, attentionAt),
        AttentionBand.Yellow => (attentionAt, earliestDueAt),
        _ => (attentionAt > earliestDueAt ? attentionAt : earliestDueAt, null),
    };
}
