using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tongban.Contracts;
using Tongban.Workflows.Runtime.Persistence;
using Tongban.Workflows.Runtime.Telemetry;

namespace Tongban.Workflows.Runtime.Messaging;

public sealed class OutboxOptions
{
    /// <summary>How often to look for rows nobody signalled (other nodes' rows, rows left by a crash).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a claim lasts before another relay may take the row over.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    public int BatchSize { get; set; } = 200;

    /// <summary>
    /// How long the relay lets rows gather after a local commit woke it before it claims them. Woken at every commit,
    /// a relay sends one row per round under load (a claim, a publish and a mark for each hand-off); a short gather
    /// sends what several commits staged in one round, at that much latency per hand-off.
    /// </summary>
    public TimeSpan Gather { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// With a transport that does not survive a restart (in-memory), messages sent just before a crash are gone.
    /// Re-sending rows dispatched within this window on start is safe because every consumer is idempotent.
    /// Zero for durable transports.
    /// </summary>
    public TimeSpan ReplayOnStart { get; set; }

    /// <summary>Dispatched rows older than this are deleted.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>
/// Relays committed outbox rows to the bus. At least once: a row is marked dispatched only after the broker
/// confirmed it; a crash in between re-sends it once the claim's lease has run out, and the receiver's inbox
/// drops the copy. Claims skip rows another relay is claiming (FOR UPDATE SKIP LOCKED on PostgreSQL, UPDLOCK/READPAST
/// on SQL Server) and use a re-checked UPDATE on SQLite.
/// </summary>
public sealed class OutboxRelay(
    IServiceScopeFactory scopes,
    IBus bus,
    CommitSignal<OutboxMessage> signal,
    TimeProvider clock,
    IOptions<OutboxOptions> options,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private static readonly Dictionary<string, Type> MessageTypes = typeof(HandOffCase).Assembly.GetTypes()
        .Where(t => t.IsClass && t.Namespace == typeof(HandOffCase).Namespace)
        .ToDictionary(t => t.FullName!);

    private readonly OutboxOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.ReplayOnStart > TimeSpan.Zero) await ReplayRecentAsync(stoppingToken);
        var lastCleanup = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RelayBatchAsync(stoppingToken) == _options.BatchSize) { }
                if (clock.GetUtcNow() - lastCleanup > TimeSpan.FromHours(1))
                {
                    await CleanupAsync(stoppingToken);
                    lastCleanup = clock.GetUtcNow();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database or broker is away; rows stay in the outbox and are retried on the next round.
                logger.LogWarning(ex, "Outbox relay round failed; retrying");
                await Task.Delay(_options.PollInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            var signalled = signal.WaitAsync(_options.PollInterval, stoppingToken);
            await ((Task)signalled).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (signalled.IsCompletedSuccessfully && signalled.Result && _options.Gather > TimeSpan.Zero)
            {
                await Task.Delay(_options.Gather, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Claims, sends and marks one batch. Returns how many rows it sent.</summary>
    public async Task<int> RelayBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        var now = clock.GetUtcNow();
        var claim = Guid.NewGuid();

        var until = now + _options.Lease;
        List<OutboxMessage> rows;
        if (db.Database.IsNpgsql())
        {
            // PostgreSQL's queue claim, as the timer sweeper's: rows another relay is claiming are skipped, not
            // waited for, so relays on several nodes take disjoint batches instead of queueing on the same rows.
            // RETURNING hands back the claimed rows without a second scan of the outbox.
            rows = await db.Outbox.FromSql(
                $"""
                UPDATE outbox SET "LockedBy" = {claim}, "LockedUntil" = {until}, "Attempts" = "Attempts" + 1
                WHERE "Sequence" IN (SELECT "Sequence" FROM outbox
                                     WHERE "DispatchedAt" IS NULL AND ("LockedUntil" IS NULL OR "LockedUntil" < {now})
                                     ORDER BY "Sequence" LIMIT {_options.BatchSize} FOR UPDATE SKIP LOCKED)
                RETURNING *
                """).AsNoTracking().ToListAsync(ct);
            rows.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        }
        else if (db.Database.IsSqlServer())
        {
            rows = await ClaimOnSqlServer(db, claim, until, now, _options.BatchSize).AsNoTracking().ToListAsync(ct);
            rows.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        }
        else
        {
            var candidates = await db.Outbox
                .Where(m => m.DispatchedAt == null && (m.LockedUntil == null || m.LockedUntil < now))
                .OrderBy(m => m.Sequence).Select(m => m.Sequence).Take(_options.BatchSize).ToListAsync(ct);
            if (candidates.Count == 0) return 0;

            // The WHERE is re-checked under the row lock, so of two relays racing for a row only one claims it.
            await db.Outbox
                .Where(m => candidates.Contains(m.Sequence) && m.DispatchedAt == null && (m.LockedUntil == null || m.LockedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedBy, claim).SetProperty(m => m.LockedUntil, until).SetProperty(m => m.Attempts, m => m.Attempts + 1), ct);
            rows = await db.Outbox.AsNoTracking().Where(m => m.LockedBy == claim).OrderBy(m => m.Sequence).ToListAsync(ct);
        }

        if (rows.Count == 0) return 0;

        // Broker confirms are the slow part; wait for them together, not one by one.
        await Task.WhenAll(rows.Select(row => SendAsync(row, ct)));

        var sent = rows.Select(r => r.Sequence).ToList();
        var dispatchedAt = clock.GetUtcNow();
        await db.Outbox.Where(m => sent.Contains(m.Sequence) && m.LockedBy == claim)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.DispatchedAt, dispatchedAt).SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), ct);
        return rows.Count;
    }

    /// <summary>
    /// SQL Server's queue claim: READPAST skips rows another relay holds instead of waiting for them, UPDLOCK keeps
    /// the rows read until they are updated, ROWLOCK keeps it to those rows; OUTPUT hands back the claimed rows.
    /// </summary>
    public static IQueryable<OutboxMessage> ClaimOnSqlServer(TongbanDbContext db, Guid claim, DateTimeOffset until, DateTimeOffset now, int batchSize) =>
        db.Outbox.FromSql(
            $"""
            WITH batch AS (
                SELECT TOP ({batchSize}) * FROM outbox WITH (UPDLOCK, READPAST, ROWLOCK)
                WHERE "DispatchedAt" IS NULL AND ("LockedUntil" IS NULL OR "LockedUntil" < {now})
                ORDER BY "Sequence")
            UPDATE batch SET "LockedBy" = {claim}, "LockedUntil" = {until}, "Attempts" = "Attempts" + 1
            OUTPUT inserted.*
            """);

    private async Task SendAsync(OutboxMessage row, CancellationToken ct)
    {
        var type = MessageTypes[row.MessageType];
        var message = Outbox.Deserialize(row, type);
        ActivityContext.TryParse(row.TraceParent, null, out var parent);
        using var activity = TongbanTelemetry.Source.StartActivity("outbox relay", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.message.id", row.MessageId);

        void Stamp(SendContext context)
        {
            context.MessageId = row.MessageId;
            context.Durable = true;
        }

        if (row.Destination is null)
        {
            await bus.Publish(message, type, Stamp, ct);
        }
        else
        {
            var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{row.Destination}"));
            await endpoint.Send(message, type, Stamp, ct);
        }
    }

    private async Task ReplayRecentAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        var since = clock.GetUtcNow() - _options.ReplayOnStart;
        var count = await db.Outbox.Where(m => m.DispatchedAt != null && m.DispatchedAt > since)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.DispatchedAt, (DateTimeOffset?)null).SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), ct);
        if (count > 0) logger.LogInformation("Re-sending {Count} recently dispatched outbox messages after start (non-durable transport)", count);
    }

    private async Task CleanupAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        var before = clock.GetUtcNow() - _options.Retention;
        await db.Outbox.Where(m => m.DispatchedAt != null && m.DispatchedAt < before).ExecuteDeleteAsync(ct);
        await db.Inbox.Where(m => m.ProcessedAt < before).ExecuteDeleteAsync(ct);
    }
}
