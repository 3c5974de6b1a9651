using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tongban.Workflows.Runtime.Monitoring;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Runtime.Clocks;

/// <summary>
/// Fires due timers. Every node runs one; they share the work through leases, as the outbox relay does. After
/// downtime the first sweep catches up on everything that fell due meanwhile. Exactly once: a batch is fired in
/// one transaction that first marks its timers fired WHERE they are not fired yet; if another node got to some
/// of them first, the batch is rolled back and retried one timer at a time.
/// </summary>
public sealed class TimerSweeper(IServiceScopeFactory scopes, TimeProvider clock, IOptions<TimeLimitOptions> options, ILogger<TimerSweeper> logger) : BackgroundService
{
    private const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
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

    /// <summary>Claims one batch of due timers and fires them. Returns how many were claimed.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken ct)
    {
        var claim = Guid.NewGuid();
        var now = clock.GetUtcNow();
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
            var until = now + options.Value.SweepLease;
            if (db.Database.IsNpgsql())
            {
                // PostgreSQL's queue claim: rows another sweeper is claiming are skipped, not waited for.
                await db.Database.ExecuteSqlAsync(
                    $"""
                    UPDATE case_timers SET "LockedBy" = {claim}, "LockedUntil" = {until}
                    WHERE "Id" IN (SELECT "Id" FROM case_timers
                                   WHERE "FiredAt" IS NULL AND "DueAt" <= {now} AND ("LockedUntil" IS NULL OR "LockedUntil" < {now})
                                   ORDER BY "DueAt" LIMIT {BatchSize} FOR UPDATE SKIP LOCKED)
                    """, ct);
            }
            else
            {
                var due = await db.Timers
                    .Where(t => t.FiredAt == null && t.DueAt <= now && (t.LockedUntil == null || t.LockedUntil < now))
                    .OrderBy(t => t.DueAt).Select(t => t.Id).Take(BatchSize).ToListAsync(ct);
                if (due.Count == 0) return 0;

                await db.Timers
                    .Where(t => due.Contains(t.Id) && t.FiredAt == null && (t.LockedUntil == null || t.LockedUntil < now))
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.LockedBy, claim).SetProperty(t => t.LockedUntil, until), ct);
            }
        }

        List<Guid> claimed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
            claimed = await db.Timers.Where(t => t.LockedBy == claim && t.FiredAt == null).OrderBy(t => t.DueAt).Select(t => t.Id).ToListAsync(ct);
        }

        if (claimed.Count == 0) return 0;
        if (!await FireAsync(claimed, now, ct))
        {
            foreach (var id in claimed) await FireAsync([id], now, ct);
        }

        return claimed.Count;
    }

    /// <summary>Fires the timers in one transaction; false (and nothing written) if any was fired by someone else.</summary>
    private async Task<bool> FireAsync(IReadOnlyList<Guid> ids, DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var effects = scope.ServiceProvider.GetRequiredService<TimerEffects>();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        var marked = await db.Timers.Where(t => ids.Contains(t.Id) && t.FiredAt == null).ExecuteUpdateAsync(s => s.SetProperty(t => t.FiredAt, now), ct);
        if (marked != ids.Count)
        {
            await tx.RollbackAsync(ct);
            return false;
        }

        var timers = await db.Timers.AsNoTracking().Where(t => ids.Contains(t.Id)).ToListAsync(ct);
        await effects.ApplyAsync(timers, now, ct);
        // Thousands of reminders after an outage: written set-wise, in this same transaction.
        await PostgresCopy.FlushAddedAsync<Reminder>(db, ct);
        await PostgresCopy.FlushAddedAsync<Notification>(db, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }
}
