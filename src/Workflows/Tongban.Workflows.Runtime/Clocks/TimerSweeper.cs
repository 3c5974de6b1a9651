using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tongban.Workflows.Runtime.Monitoring;
using Tongban.Workflows.Runtime.Persistence;
using Tongban.Workflows.Runtime.Telemetry;

namespace Tongban.Workflows.Runtime.Clocks;

/// <summary>
/// Fires due timers. Every node runs one; after downtime the first sweep catches up on everything that fell due
/// meanwhile. Exactly once: a batch is fired in one transaction that marks its timers fired WHERE they are not
/// fired yet, together with their effects. On PostgreSQL that same statement claims the batch: rows another
/// worker holds are skipped (<c>FOR UPDATE SKIP LOCKED</c>) and stay locked until the batch commits or rolls
/// back, so workers on any number of nodes share the work without leases; SQL Server does the same with
/// <c>UPDLOCK, READPAST, ROWLOCK</c>. SQLite has no row locks: there a batch
/// is claimed with a lease first, and if another node fired some of it meanwhile the batch is rolled back and
/// retried one timer at a time. Firing bumps the timer's <see cref="CaseTimer.Version"/>: a step that read the timer
/// unfired and would delete it (its deadline moved) then fails its commit and is staged again from a fresh read,
/// which sees the fired timer and the supervision item it opened, and closes that item when the stage is left.
/// </summary>
public sealed class TimerSweeper(IServiceScopeFactory scopes, TimeProvider clock, IOptions<TimeLimitOptions> options, ILogger<TimerSweeper> logger) : BackgroundService
{
    /// <summary>PostgreSQL or SQL Server: the claim is the row locks; no lease needed.</summary>
    private readonly Lazy<bool> _rowLocks = new(() =>
    {
        using var scope = scopes.CreateScope();
        var database = scope.ServiceProvider.GetRequiredService<TongbanDbContext>().Database;
        return database.IsNpgsql() || database.IsSqlServer();
    });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Several workers per node overlap one batch's database round trips with another's in-process work.
        // SQLite has a single writer, so a second worker there would only wait for the first: it gets one.
        var workers = _rowLocks.Value ? Math.Max(1, options.Value.SweepWorkers) : 1;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => WorkAsync(stoppingToken)));
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await SweepOnceAsync(stoppingToken) > 0) { }
                while (await AdvanceBandsAsync(stoppingToken) > 0) { }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Timer sweep failed; retrying on the next round");
            }

            // Real time between polls; "due" is judged by the injected clock.
            await Task.Delay(options.Value.SweepInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>
    /// The clock turns cases yellow and red with no write to them; the bureau's running counts follow here, one
    /// batch at a time (see <see cref="BureauBandSweep"/>). Returns how many cases moved.
    /// </summary>
    public async Task<int> AdvanceBandsAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await BureauBandSweep.AdvanceAsync(scope.ServiceProvider.GetRequiredService<TongbanDbContext>(), clock.GetUtcNow(), ct);
    }

    /// <summary>Claims one batch of due timers and fires them. Returns how many were fired.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_rowLocks.Value) return await FireAsync(db => ClaimAndMarkAsync(db, now, options.Value.SweepBatchSize, ct), now, ct);

        var leased = await LeaseAsync(now, ct);
        if (leased.Count == 0) return 0;
        if (await FireAsync(db => MarkAsync(db, leased, now, ct), now, ct) == 0)
        {
            foreach (var id in leased) await FireAsync(db => MarkAsync(db, [id], now, ct), now, ct);
        }

        return leased.Count;
    }

    /// <summary>
    /// Fires the timers <paramref name="mark"/> marked fired, in its transaction. Returns how many; 0 (and nothing
    /// written) when it marked none.
    /// </summary>
    private async Task<int> FireAsync(Func<TongbanDbContext, Task<List<CaseTimer>?>> mark, DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var timers = await mark(db);
        if (timers is null or [])
        {
            await tx.RollbackAsync(ct);
            return 0;
        }

        await scope.ServiceProvider.GetRequiredService<TimerEffects>().ApplyAsync(timers, now, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        foreach (var timer in timers) EngineMetrics.RecordTimerLag(now - timer.DueAt, timer.Kind.ToString());
        return timers.Count;
    }

    /// <summary>
    /// PostgreSQL: claims a batch and marks it fired in one statement; the row locks are the claim. <c>= ANY(ARRAY(…))</c>
    /// makes the planner fetch the batch by primary key; with <c>IN (…)</c> it hash-joined a scan of the whole table.
    /// </summary>
    private static async Task<List<CaseTimer>?> ClaimAndMarkAsync(TongbanDbContext db, DateTimeOffset now, int batchSize, CancellationToken ct) =>
        db.Database.IsSqlServer()
            ? await ClaimAndMarkOnSqlServer(db, now, batchSize).AsNoTracking().ToListAsync(ct)
            : await db.Timers.FromSql(
            $"""
            UPDATE case_timers SET "FiredAt" = {now}, "Version" = "Version" + 1
            WHERE "Id" = ANY(ARRAY(SELECT "Id" FROM case_timers WHERE "FiredAt" IS NULL AND "DueAt" <= {now}
                                   ORDER BY "DueAt" LIMIT {batchSize} FOR UPDATE SKIP LOCKED))
            RETURNING *
            """).AsNoTracking().ToListAsync(ct);

    /// <summary>
    /// SQL Server: the same claim-and-mark in one statement. READPAST skips timers another worker holds, UPDLOCK keeps
    /// those read until they are marked, and the row locks last until the batch commits or rolls back.
    /// </summary>
    public static IQueryable<CaseTimer> ClaimAndMarkOnSqlServer(TongbanDbContext db, DateTimeOffset now, int batchSize) =>
        db.Timers.FromSql(
            $"""
            WITH batch AS (
                SELECT TOP ({batchSize}) * FROM case_timers WITH (UPDLOCK, READPAST, ROWLOCK)
                WHERE "FiredAt" IS NULL AND "DueAt" <= {now}
                ORDER BY "DueAt")
            UPDATE batch SET "FiredAt" = {now}, "Version" = "Version" + 1
            OUTPUT inserted.*
            """);

    /// <summary>SQLite: leases a batch of due timers (in its own transaction) so other nodes pass over it meanwhile.</summary>
    private async Task<List<Guid>> LeaseAsync(DateTimeOffset now, CancellationToken ct)
    {
        var claim = Guid.NewGuid();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        var due = await db.Timers
            .Where(t => t.FiredAt == null && t.DueAt <= now && (t.LockedUntil == null || t.LockedUntil < now))
            .OrderBy(t => t.DueAt).Select(t => t.Id).Take(options.Value.SweepBatchSize).ToListAsync(ct);
        if (due.Count == 0) return [];

        var until = now + options.Value.SweepLease;
        await db.Timers
            .Where(t => due.Contains(t.Id) && t.FiredAt == null && (t.LockedUntil == null || t.LockedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LockedBy, claim).SetProperty(t => t.LockedUntil, until), ct);
        return await db.Timers.Where(t => t.LockedBy == claim && t.FiredAt == null).OrderBy(t => t.DueAt).Select(t => t.Id).ToListAsync(ct);
    }

    /// <summary>Marks leased timers fired; null if another node fired any of them first.</summary>
    private static async Task<List<CaseTimer>?> MarkAsync(TongbanDbContext db, IReadOnlyList<Guid> ids, DateTimeOffset now, CancellationToken ct)
    {
        var marked = await db.Timers.Where(t => ids.Contains(t.Id) && t.FiredAt == null).ExecuteUpdateAsync(s => s.SetProperty(t => t.FiredAt, now).SetProperty(t => t.Version, t => t.Version + 1), ct);
        return marked == ids.Count ? await db.Timers.AsNoTracking().Where(t => ids.Contains(t.Id)).ToListAsync(ct) : null;
    }
}
