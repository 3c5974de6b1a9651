using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Runtime.Monitoring;

/// <summary>
/// Keeps <see cref="BureauCount"/> equal to the cases grouped by (CurrentPostId, ItemCode, CountedBand). Every
/// change of those three is counted in its own transaction: tracked saves through <see cref="BureauCountsInterceptor"/>,
/// the clock's passing through <see cref="BureauBandSweep"/>. Deltas are atomic upserts (n = n + d), in key order,
/// so two nodes counting at once neither lose an update nor deadlock on the few hot rows.
/// </summary>
public static class BureauCounts
{
    /// <summary>The post key of a case in transit between jurisdictions (no current post; keys cannot be null).</summary>
    public const string InTransit = "";

    public readonly record struct Key(string PostId, string ItemCode, AttentionBand Band);

    /// <summary>
    /// How far ahead of this node's clock another node's band sweep may run (clock skew between nodes); a case
    /// further than this from turning yellow cannot have been moved by a sweep since it was loaded.
    /// </summary>
    public static readonly TimeSpan SweepSkew = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The tracked cases a save will update or delete whose counted band must be read (and locked) first, because
    /// the band sweep may have moved it since they were loaded. A case loaded as counted green whose yellow instant
    /// is still more than <see cref="SweepSkew"/> away cannot have been moved: no sweep has reached it, so the band
    /// it was loaded with is the band it is counted in, and the save's version check holds the rest. That is
    /// nearly every step, which then costs no locking read.
    /// </summary>
    public static List<Guid> Changing(ChangeTracker tracker, DateTimeOffset now) =>
        tracker.Detected<Case>().Where(e => e.State is EntityState.Modified or EntityState.Deleted && MaySweepHaveMoved(e.OriginalValues, now))
            .Select(e => e.Entity.Id).ToList();

    private static bool MaySweepHaveMoved(PropertyValues loaded, DateTimeOffset now) =>
        MaySweepHaveMoved(loaded.GetValue<AttentionBand>(nameof(Case.CountedBand)), loaded.GetValue<DateTimeOffset?>(nameof(Case.AttentionAt)), now);

    /// <summary>Pure: whether a case loaded counted in <paramref name="band"/>, turning yellow at <paramref name="attentionAt"/>, may have been re-counted by a sweep.</summary>
    public static bool MaySweepHaveMoved(AttentionBand band, DateTimeOffset? attentionAt, DateTimeOffset now) =>
        band != AttentionBand.None || (attentionAt is { } yellow && yellow <= now + SweepSkew);

    /// <summary>
    /// The counted bands in the database now, with the rows locked until the save commits: the band sweep may have
    /// moved a case since it was loaded, and a save must not conflict with that (it would refuse the clerk's action
    /// at the very moment the case turns red). SQLite's write transaction already excludes other writers.
    /// </summary>
    public static async Task<Dictionary<Guid, AttentionBand>> LockCountedBandsAsync(TongbanDbContext db, List<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var rows = db.Database.IsNpgsql()
            ? await db.Database.SqlQueryRaw<CountedCase>("""SELECT "Id", "CountedBand" FROM cases WHERE "Id" = ANY({0}) ORDER BY "Id" FOR UPDATE""", ids.ToArray()).ToListAsync(ct)
            : db.Database.IsSqlServer()
                ? await db.Database.SqlQueryRaw<CountedCase>(LockOnSqlServerSql(ids.Count), ids.Cast<object>().ToArray()).ToListAsync(ct)
                : await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new CountedCase { Id = c.Id, CountedBand = (int)c.CountedBand }).ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => (AttentionBand)r.CountedBand);
    }

    /// <summary>
    /// SQL Server's <c>FOR UPDATE</c>: update locks on the cases' rows, held until the save commits (one parameter
    /// per id; a save changes a handful of cases).
    /// </summary>
    public static string LockOnSqlServerSql(int ids) =>
        $"""SELECT "Id", "CountedBand" FROM cases WITH (UPDLOCK, ROWLOCK) WHERE "Id" IN ({string.Join(", ", Enumerable.Range(0, ids).Select(i => $"{{{i}}}"))}) ORDER BY "Id" """.TrimEnd();

    /// <inheritdoc cref="LockCountedBandsAsync"/>
    public static Dictionary<Guid, AttentionBand> LockCountedBands(TongbanDbContext db, List<Guid> ids)
    {
        if (ids.Count == 0) return [];
        var rows = db.Database.IsNpgsql()
            ? db.Database.SqlQueryRaw<CountedCase>("""SELECT "Id", "CountedBand" FROM cases WHERE "Id" = ANY({0}) ORDER BY "Id" FOR UPDATE""", ids.ToArray()).ToList()
            : db.Database.IsSqlServer()
                ? db.Database.SqlQueryRaw<CountedCase>(LockOnSqlServerSql(ids.Count), ids.Cast<object>().ToArray()).ToList()
                : db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new CountedCase { Id = c.Id, CountedBand = (int)c.CountedBand }).ToList();
        return rows.ToDictionary(r => r.Id, r => (AttentionBand)r.CountedBand);
    }

    /// <summary>
    /// For the tracked cases about to be saved: sets each added or modified case's counted band to its band now, and
    /// returns the net deltas: out of the post and item it had (the save's version check guarantees them) in the band
    /// it is counted in (<paramref name="counted"/>, as locked), into its post, item and band now.
    /// </summary>
    public static IReadOnlyList<(Key Key, int Delta)> Stage(ChangeTracker tracker, IReadOnlyDictionary<Guid, AttentionBand> counted, DateTimeOffset now)
    {
        var deltas = new Dictionary<Key, int>();
        foreach (var entry in tracker.Detected<Case>())
        {
            var c = entry.Entity;
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                var original = entry.OriginalValues;
                var band = counted.TryGetValue(c.Id, out var locked) ? locked : original.GetValue<AttentionBand>(nameof(Case.CountedBand));
                Count(deltas, original.GetValue<string?>(nameof(Case.CurrentPostId)), original.GetValue<string>(nameof(Case.ItemCode)), band, -1);
            }

            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                var band = AttentionBands.At(c.AttentionAt, c.EarliestDueAt, now);
                var (from, until) = AttentionBands.Interval(band, c.AttentionAt, c.EarliestDueAt);
                // Through the entry: EF has detected this save's changes already. By name, not by lambda: a lambda
                // builds its expression tree on every call, and EF then takes it apart again (on every save of a case).
                entry.Property<AttentionBand>(nameof(Case.CountedBand)).CurrentValue = band;
                entry.Property<DateTimeOffset?>(nameof(Case.CountedFrom)).CurrentValue = from;
                entry.Property<DateTimeOffset?>(nameof(Case.CountedUntil)).CurrentValue = until;
                Count(deltas, c.CurrentPostId, c.ItemCode, c.CountedBand, +1);
            }
        }

        return InKeyOrder(deltas);
    }

    /// <summary>Adds one case's move into or out of a (post, item, band) count; green is not counted.</summary>
    internal static void Count(Dictionary<Key, int> deltas, string? post, string item, AttentionBand band, int delta)
    {
        if (band == AttentionBand.None) return;
        var key = new Key(post ?? InTransit, item, band);
        deltas[key] = deltas.GetValueOrDefault(key) + delta;
    }

    /// <summary>The net deltas in one fixed order, so every writer locks the count rows in the same order.</summary>
    internal static IReadOnlyList<(Key Key, int Delta)> InKeyOrder(Dictionary<Key, int> deltas) =>
        deltas.Where(d => d.Value != 0).Select(d => (d.Key, d.Value)).OrderBy(d => d.Key.PostId, StringComparer.Ordinal)
            .ThenBy(d => d.Key.ItemCode, StringComparer.Ordinal).ThenBy(d => d.Key.Band).ToList();

    /// <summary>Adds the deltas in the caller's transaction: one upsert, rows locked in key order (same SQL on SQLite and PostgreSQL).</summary>
    public static async Task ApplyAsync(TongbanDbContext db, IReadOnlyList<(Key Key, int Delta)> deltas, CancellationToken ct)
    {
        if (deltas.Count > 0) await db.Database.ExecuteSqlRawAsync(UpsertSql(db, deltas.Count), UpsertParameters(deltas), ct);
    }

    /// <inheritdoc cref="ApplyAsync"/>
    public static void Apply(TongbanDbContext db, IReadOnlyList<(Key Key, int Delta)> deltas)
    {
        if (deltas.Count > 0) db.Database.ExecuteSqlRaw(UpsertSql(db, deltas.Count), UpsertParameters(deltas));
    }

    private static string UpsertSql(TongbanDbContext db, int rows) => db.Database.IsSqlServer() ? MergeSql(rows) : UpsertSql(rows);

    /// <summary>
    /// SQL Server has no <c>ON CONFLICT</c>: one MERGE per row, in the given (key) order within one batch, so rows are
    /// locked in key order as on the other providers; HOLDLOCK makes the "not there yet → insert" race-free.
    /// </summary>
    public static string MergeSql(int rows) => string.Join("\n", Enumerable.Range(0, rows).Select(i =>
        $$"""
        MERGE bureau_counts WITH (HOLDLOCK) AS t
        USING (VALUES ({{{4 * i}}}, {{{4 * i + 1}}}, {{{4 * i + 2}}}, {{{4 * i + 3}}})) AS d ("PostId", "ItemCode", "Band", "Cases")
        ON t."PostId" = d."PostId" AND t."ItemCode" = d."ItemCode" AND t."Band" = d."Band"
        WHEN MATCHED THEN UPDATE SET "Cases" = t."Cases" + d."Cases"
        WHEN NOT MATCHED THEN INSERT ("PostId", "ItemCode", "Band", "Cases") VALUES (d."PostId", d."ItemCode", d."Band", d."Cases");
        """));

    private static string UpsertSql(int rows) =>
        $"""
        INSERT INTO bureau_counts ("PostId", "ItemCode", "Band", "Cases") VALUES {string.Join(", ", Enumerable.Range(0, rows).Select(i => $"({{{4 * i}}}, {{{4 * i + 1}}}, {{{4 * i + 2}}}, {{{4 * i + 3}}})"))}
        ON CONFLICT ("PostId", "ItemCode", "Band") DO UPDATE SET "Cases" = bureau_counts."Cases" + excluded."Cases"
        """;

    private static object[] UpsertParameters(IReadOnlyList<(Key Key, int Delta)> deltas) =>
        deltas.SelectMany(d => new object[] { d.Key.PostId, d.Key.ItemCode, (int)d.Key.Band, d.Delta }).ToArray();

    /// <summary>
    /// Cases counted in a band other than their band at <paramref name="now"/>: those whose yellow or due instant
    /// passed since their last write (or, with clock skew between nodes, counted early). Two plain ranges on
    /// indexed instants find them; the band check then drops the ones exactly on an end.
    /// </summary>
    public static IQueryable<Case> Lagging(IQueryable<Case> cases, DateTimeOffset now) =>
        cases.Where(c => (c.CountedUntil <= now || c.CountedFrom >= now)
            && c.CountedBand != (c.AttentionAt <= now ? (c.EarliestDueAt < now ? AttentionBand.Red : AttentionBand.Yellow) : AttentionBand.None));

    /// <summary>
    /// Recounts everything from the cases: each case's band now, then the counts from scratch, in one transaction.
    /// For data written around the engine (bulk loads, the benchmarks' seed) and for repair.
    /// </summary>
    public static async Task RebuildAsync(TongbanDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        // Maintenance over every case: not bound by the timeout meant for requests (restored after: contexts are pooled).
        var timeout = db.Database.GetCommandTimeout();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(20));
        try
        {
            await RecountAsync(db, now, ct);
        }
        finally
        {
            db.Database.SetCommandTimeout(timeout);
        }
    }

    private static async Task RecountAsync(TongbanDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync(RecountCasesSql, [BureauBandSweep.Instant(db, now)], ct);
        // Cases first, counts second: the same lock order as a transition (case row, then count rows).
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("LOCK TABLE bureau_counts IN EXCLUSIVE MODE", ct);
        // SQL Server: a table-wide update lock until commit, which (like EXCLUSIVE MODE) lets readers in and writers wait.
        if (db.Database.IsSqlServer()) await db.Database.ExecuteSqlRawAsync(LockCountsOnSqlServerSql, ct);
        await db.BureauCounts.ExecuteDeleteAsync(ct);
        await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO bureau_counts ("PostId", "ItemCode", "Band", "Cases")
            SELECT COALESCE("CurrentPostId", ''), "ItemCode", "CountedBand", COUNT(*) FROM cases WHERE "CountedBand" <> 0
            GROUP BY COALESCE("CurrentPostId", ''), "ItemCode", "CountedBand"
            """, ct);
        await tx.CommitAsync(ct);
    }

    public const string LockCountsOnSqlServerSql = "SELECT COUNT(*) FROM bureau_counts WITH (UPDLOCK, TABLOCK, HOLDLOCK)";

    /// <summary>Every case with a clock, or counted, set counted in its band now; closed cases already counted nowhere are left.</summary>
    private const string RecountCasesSql = $$"""
        UPDATE cases SET {{BureauBandSweep.SetBandNow}}
        WHERE "AttentionAt" IS NOT NULL OR "CountedBand" <> 0 OR "CountedFrom" IS NOT NULL OR "CountedUntil" IS NOT NULL
        """;

    private sealed class CountedCase
    {
        public Guid Id { get; init; }
        public int CountedBand { get; init; }
    }
}
