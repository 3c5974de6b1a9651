namespace Tongban.Workflows.Auditing;

/// <summary>
/// Where a sealing round starts looking for unsealed records. Sealing leaves, in the index of unsealed records, an
/// entry for every record's old (unsealed) version until the database vacuums the table; a round that looked from the
/// first record walked all of them, and between two vacuums of a large trail that is most of the trail. A record only
/// appears out of insertion order when the transaction that inserted it commits after later ones, so a round may start
/// after the highest record a round read <see cref="Lookback"/> ago: everything below it has been visible since, and
/// was sealed then. A transaction longer than that is caught by a round from the start every <see cref="FullScanEvery"/>.
/// Times are a monotonic clock's milliseconds (durations, not the county's time of day).
/// </summary>
public sealed class AuditSealFloor(TimeSpan lookback, TimeSpan fullScanEvery)
{
    private readonly Queue<(long AtMs, long Highest)> _reads = new();
    private long _floor = long.MinValue;
    private long? _lastFullScanMs;

    public TimeSpan Lookback { get; } = lookback;

    public TimeSpan FullScanEvery { get; } = fullScanEvery;

    /// <summary>The Sequence a round starting now looks after; <see cref="long.MinValue"/> for a round from the start.</summary>
    public long StartAt(long nowMs)
    {
        if (_lastFullScanMs is not { } last || nowMs - last >= (long)FullScanEvery.TotalMilliseconds)
        {
            _lastFullScanMs = nowMs;
            return long.MinValue;
        }

        while (_reads.TryPeek(out var read) && nowMs - read.AtMs >= (long)Lookback.TotalMilliseconds)
        {
            _floor = Math.Max(_floor, read.Highest);
            _reads.Dequeue();
        }

        return _floor;
    }

    /// <summary>A round that ended at <paramref name="endedMs"/> read records up to <paramref name="highest"/>.</summary>
    public void Read(long endedMs, long highest) => _reads.Enqueue((endedMs, highest));
}
