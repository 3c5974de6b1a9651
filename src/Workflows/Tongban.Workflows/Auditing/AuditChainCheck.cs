namespace Tongban.Workflows.Auditing;

/// <summary>Why a sealed record does not fit the chain.</summary>
public enum AuditChainProblem
{
    /// <summary>The stored hash is not the hash of the record's contents: the record was changed after sealing.</summary>
    ContentChanged,

    /// <summary>The record's previous hash is not the stored hash of the record before it: the chain was re-linked.</summary>
    LinkBroken,

    /// <summary>The first record of the chain does not start from the genesis hash.</summary>
    BadGenesis,
}

/// <summary>ChainIndex values missing between two sealed records (From..To inclusive): records were deleted.</summary>
public sealed record AuditGap(long From, long To);

/// <summary>
/// Walks sealed records in ChainIndex order and recomputes every hash. Kept free of storage so the rules can
/// be tested on their own; the runtime's verifier only pages rows in.
/// A chain may start above 1 once records older than the retention period have been purged: the first record's
/// link can then not be checked, but its contents and everything after it still are.
/// Hashes are keyed (<see cref="AuditHash.ComputeKeyed"/>); only records up to <paramref name="unkeyedUpTo"/>
/// (sealed before the chain had a key, written down when the key was introduced) may carry the unkeyed hash.
/// </summary>
public sealed class AuditChainCheck(byte[] key, long unkeyedUpTo = 0)
{
    private readonly List<AuditGap> _gaps = [];
    private long? _lastIndex;
    private string? _lastHash;

    public long Checked { get; private set; }

    public long? FirstIndex { get; private set; }

    public long? HeadIndex => _lastIndex;

    public string? HeadHash => _lastHash;

    /// <summary>The first record (in chain order) that does not verify, and why.</summary>
    public long? FirstBroken { get; private set; }

    public AuditChainProblem? Problem { get; private set; }

    public IReadOnlyList<AuditGap> Gaps => _gaps;

    public bool Intact => FirstBroken is null && _gaps.Count == 0;

    /// <summary>Feeds the next sealed record; records must come in ascending ChainIndex order.</summary>
    public void Add(AuditLink link, string storedHash)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (_lastIndex is { } last && link.ChainIndex <= last)
        {
            throw new ArgumentException($"Chain index {link.ChainIndex} after {last}: records must come in ascending order.", nameof(link));
        }

        Checked++;
        if (_lastIndex is null)
        {
            FirstIndex = link.ChainIndex;
            if (link.ChainIndex == 1 && link.PreviousHash != AuditHash.Genesis) Break(link.ChainIndex, AuditChainProblem.BadGenesis);
        }
        else if (link.ChainIndex != _lastIndex + 1)
        {
            // The missing records' hashes are unknown, so this record's link cannot be checked; the gap says enough.
            _gaps.Add(new AuditGap(_lastIndex.Value + 1, link.ChainIndex - 1));
        }
        else if (!string.Equals(link.PreviousHash, _lastHash, StringComparison.Ordinal))
        {
            Break(link.ChainIndex, AuditChainProblem.LinkBroken);
        }

        var expected = link.ChainIndex <= unkeyedUpTo ? AuditHash.Compute(link) : AuditHash.ComputeKeyed(link, key);
        if (!string.Equals(expected, storedHash, StringComparison.Ordinal)) Break(link.ChainIndex, AuditChainProblem.ContentChanged);

        _lastIndex = link.ChainIndex;
        _lastHash = storedHash;
    }

    private void Break(long index, AuditChainProblem problem)
    {
        if (FirstBroken is not null) return;
        FirstBroken = index;
        Problem = problem;
    }
}
