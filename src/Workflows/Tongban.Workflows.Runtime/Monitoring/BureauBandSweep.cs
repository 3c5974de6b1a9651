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
        var at = Instant(db, now);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var deltas = new Dictionary<BureauCounts.Key, int>();
        var moved = 0;
        foreach (var from in Enum.GetValues<AttentionBand>())
        {
            var sql = db.Database.IsSqlServer() ? MoveOnSqlServerSql(from, batch) : MoveSql(from, batch);
            var rows = await db.Database.SqlQueryRaw<MovedCase>(sql, at).ToListAsync(ct);
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
    /// Moves the cases counted in <paramref name="from"/> whose band now differs into it, with the interval it holds
    /// for (as <see cref="AttentionBands.At"/> and <see cref="AttentionBands.Interval"/>). Found by the interval's two
    /// ranges; the condition is repeated outside the sub-select because PostgreSQL re-checks it on a row another node
    /// changed meanwhile. {0} is now; only constants are put together here.
    /// </summary>
    private static string MoveSql(AttentionBand from, int batch)
    {
        var lagging = $$"""("CountedUntil" <= {0} OR "CountedFrom" >= {0}) AND "CountedBand" = {{(int)from}} AND "CountedBand" <> {{BandNow}}""";
        return $$"""
            UPDATE cases SET {{SetBandNow}}
            WHERE "Id" IN (SELECT "Id" FROM cases WHERE {{lagging}} LIMIT {{batch}}) AND {{lagging}}
            RETURNING "CurrentPostId", "ItemCode", "CountedBand"
            """;
    }

    /// <summary>
    /// SQL Server: UPDATE TOP needs no sub-select, and the WHERE is evaluated again on each row as it is locked, so a
    /// case another node moved meanwhile is left alone; OUTPUT names what moved, from the row as updated.
    /// </summary>
    public static string MoveOnSqlServerSql(AttentionBand from, int batch)
    {
        var lagging = $$"""("CountedUntil" <= {0} OR "CountedFrom" >= {0}) AND "CountedBand" = {{(int)from}} AND "CountedBand" <> {{BandNow}}""";
        return $$"""
            UPDATE TOP ({{batch}}) cases SET {{SetBandNow}}
            OUTPUT inserted."CurrentPostId", inserted."ItemCode", inserted."CountedBand"
            WHERE {{lagging}}
            """;
    }

    /// <summary>A case's band at {0} (now), in SQL.</summary>
    private const string BandNow = """(CASE WHEN "AttentionAt" <= {0} THEN (CASE WHEN "EarliestDueAt" < {0} THEN 2 ELSE 1 END) ELSE 0 END)""";

    /// <summary>Sets a case counted in its band at {0} (now), with the interval of that band.</summary>
    internal const string SetBandNow = $$"""
        "CountedBand" = {{BandNow}},
        "CountedFrom" = CASE {{BandNow}} WHEN 1 THEN "AttentionAt" WHEN 2 THEN (CASE WHEN "AttentionAt" > "EarliestDueAt" THEN "AttentionAt" ELSE "EarliestDueAt" END) END,
        "CountedUntil" = CASE {{BandNow}} WHEN 0 THEN "AttentionAt" WHEN 1 THEN "EarliestDueAt" END
        """;

    /// <summary>Instants are UTC ticks on SQLite, timestamptz on PostgreSQL and datetimeoffset (UTC) on SQL Server (see TongbanDbContext).</summary>
    internal static object Instant(TongbanDbContext db, DateTimeOffset at) => db.Database.IsSqlite() ? at.UtcTicks : at.ToUniversalTime();

    private sealed class MovedCase
    {
        public string? CurrentPostId { get; init; }
        public required string ItemCode { get; init; }
        public int CountedBand { get; init; }
    }
}
