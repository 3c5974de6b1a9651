using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Runtime.Monitoring;

/// <summary>
/// Moves cases into their band now as the clock passes their yellow and due instants (no write happens to a case
/// then), with the counts, in one transaction per batch. Keeps the bureau query's correction small; the query is
/// exact without it. Set-wise SQL: each UPDATE re-checks its condition on the row it locks, so two nodes sweeping
/// at once move (and count) each case once; RETURNING names what moved, from the row as updated.
/// </summary>
public static class BureauBandSweep
{
    public const int BatchSize = 2000;

    /// <summary>Moves up to <paramref name="batch"/> lagging cases per counted band; returns how many moved.</summary>
    public static async Task<int> AdvanceAsync(TongbanDbContext db, DateTimeOffset now, CancellationToken ct, int batch = BatchSize)
    {
        // Instants are UTC ticks on SQLite and timestamptz on PostgreSQL (see TongbanDbContext).
        object at = db.Database.IsSqlite() ? now.UtcTicks : now.ToUniversalTime();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var deltas = new Dictionary<BureauCounts.Key, int>();
        var moved = 0;
        foreach (var (from, lagging) in Lagging)
        {
            var rows = await db.Database.SqlQueryRaw<MovedCase>(MoveSql(lagging, batch), at).ToListAsync(ct);
            foreach (var row in rows)
            {
                BureauCounts.Count(deltas, row.CurrentPostId, row.ItemCode, from, -1);
                BureauCounts.Count(deltas, row.CurrentPostId, row.ItemCode, (AttentionBand)row.CountedBand, +1);
            }

            moved += rows.Count;
        }

        await BureauCounts.ApplyAsync(db, BureauCounts.InKeyOrder(deltas), ct);
        await tx.CommitAsync(ct);
        return moved;
    }

    /// <summary>
    /// Moves lagging cases into their band now (as <see cref="AttentionBands.At"/>). The condition is repeated
    /// outside the sub-select: PostgreSQL re-checks it on a row another node changed meanwhile. Only constants here.
    /// </summary>
    private static string MoveSql(string lagging, int batch) =>
        $$"""
        UPDATE cases SET "CountedBand" = CASE WHEN "AttentionAt" <= {0} THEN (CASE WHEN "EarliestDueAt" < {0} THEN 2 ELSE 1 END) ELSE 0 END
        WHERE "Id" IN (SELECT "Id" FROM cases WHERE {{lagging}} LIMIT {{batch}}) AND {{lagging}}
        RETURNING "CurrentPostId", "ItemCode", "CountedBand"
        """;

    /// <summary>Per counted band, the cases whose band now differs (as <see cref="BureauCounts.Lagging"/>); {0} is now.</summary>
    private static readonly (AttentionBand From, string Condition)[] Lagging =
    [
        (AttentionBand.None, """("CountedBand" = 0 AND "AttentionAt" <= {0})"""),
        (AttentionBand.Yellow, """("CountedBand" = 1 AND ("AttentionAt" IS NULL OR "AttentionAt" > {0} OR "EarliestDueAt" < {0}))"""),
        (AttentionBand.Red, """("CountedBand" = 2 AND ("AttentionAt" IS NULL OR "AttentionAt" > {0} OR "EarliestDueAt" IS NULL OR "EarliestDueAt" >= {0}))"""),
    ];

    private sealed class MovedCase
    {
        public string? CurrentPostId { get; init; }
        public required string ItemCode { get; init; }
        public int CountedBand { get; init; }
    }
}
