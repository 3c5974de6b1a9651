using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Runtime.Monitoring;

/// <summary>
/// The county's at-risk and overdue counts per post and item at an instant, without scanning the cases that need
/// attention: the running counts, corrected by the few cases whose band the clock has passed since they were
/// counted (moved out of their counted band, into their band now). One statement, so one snapshot: exact.
/// </summary>
public static class BureauCountsQuery
{
    /// <param name="PostId">Null while in transit.</param>
    public sealed record PostItemCount(string? PostId, string ItemCode, int Yellow, int Red);

    public static async Task<IReadOnlyList<PostItemCount>> ReadAsync(TongbanDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var lagging = BureauCounts.Lagging(db.Cases.AsNoTracking(), now);
        var counted = db.BureauCounts.AsNoTracking().Where(x => x.Cases != 0)
            .Select(x => new Part { PostId = x.PostId, ItemCode = x.ItemCode, Band = x.Band, Cases = x.Cases });
        var movedOut = lagging.Where(c => c.CountedBand != AttentionBand.None)
            .GroupBy(c => new { c.CurrentPostId, c.ItemCode, c.CountedBand })
            .Select(g => new Part { PostId = g.Key.CurrentPostId ?? BureauCounts.InTransit, ItemCode = g.Key.ItemCode, Band = g.Key.CountedBand, Cases = -g.Count() });
        // Their band now, as AttentionBands.At: counted only once attention is due; red once due has passed.
        var movedIn = lagging.Where(c => c.AttentionAt <= now)
            .GroupBy(c => new { c.CurrentPostId, c.ItemCode, Red = c.EarliestDueAt < now })
            .Select(g => new Part { PostId = g.Key.CurrentPostId ?? BureauCounts.InTransit, ItemCode = g.Key.ItemCode, Band = g.Key.Red ? AttentionBand.Red : AttentionBand.Yellow, Cases = g.Count() });

        var parts = await counted.Concat(movedOut).Concat(movedIn).ToListAsync(ct);
        return parts.GroupBy(p => (p.PostId, p.ItemCode))
            .Select(g => new PostItemCount(
                g.Key.PostId == BureauCounts.InTransit ? null : g.Key.PostId, g.Key.ItemCode,
                g.Where(p => p.Band == AttentionBand.Yellow).Sum(p => p.Cases), g.Where(p => p.Band == AttentionBand.Red).Sum(p => p.Cases)))
            .Where(c => c.Yellow != 0 || c.Red != 0)
            .ToList();
    }

    private sealed class Part
    {
        public required string PostId { get; init; }
        public required string ItemCode { get; init; }
        public AttentionBand Band { get; init; }
        public int Cases { get; init; }
    }
}
