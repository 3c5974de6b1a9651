using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Auditing;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Runtime.Auditing;

/// <summary>
/// The outcome of walking the chain. <see cref="Intact"/> when every hash recomputes, every link matches, no
/// ChainIndex is missing and no record waited for its seal longer than the tolerance. <see cref="HeadIndex"/>
/// and <see cref="HeadHash"/> are worth writing down outside the system: a later check against them
/// (<c>anchor</c>) shows that the chain up to there was not rewritten wholesale.
/// </summary>
public sealed record AuditVerification(
    bool Intact,
    long Sealed,
    long? FirstIndex,
    long? HeadIndex,
    string? HeadHash,
    long? FirstBrokenIndex,
    AuditChainProblem? Problem,
    IReadOnlyList<AuditGap> Gaps,
    int StaleUnsealed,
    long? OldestStaleSequence,
    AuditVerification.AnchorResult? Anchor,
    DateTimeOffset CheckedAt)
{
    /// <summary>Unsealed rows without a valid record MAC: inserted into the table, not written by the application.</summary>
    public int Forged { get; init; }

    /// <summary>The lowest Sequence among <see cref="Forged"/> rows.</summary>
    public long? FirstForgedSequence { get; init; }

    public sealed record AnchorResult(long ChainIndex, string ExpectedHash, bool Matches);
}

/// <summary>Recomputes the whole chain from the database (see <see cref="AuditChainCheck"/> for the rules).</summary>
public static class AuditVerifier
{
    private const int PageSize = 1000;

    /// <param name="anchor">A head (index, hash) recorded earlier, to confirm it is still part of the chain.</param>
    /// <param name="unkeyedUpTo">The last ChainIndex sealed before the chain had a key (<see cref="AuditOptions.UnkeyedUpTo"/>).</param>
    public static async Task<AuditVerification> VerifyAsync(
        TongbanDbContext db, AuditChainKey key, DateTimeOffset now, TimeSpan unsealedTolerance, (long Index, string Hash)? anchor = null,
        long unkeyedUpTo = 0, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(key);
        var check = new AuditChainCheck(key.Bytes, unkeyedUpTo);
        string? anchorHash = null;
        long after = long.MinValue;
        while (true)
        {
            var page = await db.AuditRecords.AsNoTracking()
                .Where(r => r.ChainIndex != null && r.ChainIndex > after)
                .OrderBy(r => r.ChainIndex)
                .Take(PageSize)
                .ToListAsync(ct);
            foreach (var row in page)
            {
                var index = row.ChainIndex!.Value;
                check.Add(row.LinkAt(index, row.PreviousHash ?? ""), row.Hash ?? "");
                if (anchor is { } a && a.Index == index) anchorHash = row.Hash;
            }

            if (page.Count < PageSize) break;
            after = page[^1].ChainIndex!.Value;
        }

        // Unsealed rows: a genuine one is only waiting for the sealer (stale if it waits too long); one without a
        // valid record MAC was inserted behind the application's back.
        var staleBefore = now - unsealedTolerance;
        var staleCount = 0;
        long? oldestStale = null;
        var forged = 0;
        long? firstForged = null;
        var unsealedAfter = long.MinValue;
        while (true)
        {
            var page = await db.AuditRecords.AsNoTracking()
                .Where(r => r.Hash == null && r.Sequence > unsealedAfter)
                .OrderBy(r => r.Sequence)
                .Take(PageSize)
                .ToListAsync(ct);
            foreach (var row in page)
            {
                if (!row.HasValidMac(key.Bytes))
                {
                    forged++;
                    firstForged ??= row.Sequence;
                }
                else if (row.At < staleBefore)
                {
                    staleCount++;
                    oldestStale ??= row.Sequence;
                }
            }

            if (page.Count < PageSize) break;
            unsealedAfter = page[^1].Sequence;
        }

        var anchorResult = anchor is { } x ? new AuditVerification.AnchorResult(x.Index, x.Hash, string.Equals(anchorHash, x.Hash, StringComparison.OrdinalIgnoreCase)) : null;
        var intact = check.Intact && staleCount == 0 && forged == 0 && anchorResult is not { Matches: false };
        return new AuditVerification(
            intact, check.Checked, check.FirstIndex, check.HeadIndex, check.HeadHash, check.FirstBroken, check.Problem, check.Gaps,
            staleCount, oldestStale, anchorResult, now)
        { Forged = forged, FirstForgedSequence = firstForged };
    }
}
