using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tongban.Workflows.Auditing;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Runtime.Auditing;

/// <summary>
/// Seals committed audit records whose record MAC verifies (<see cref="AuditRecord.RecordMac"/>) into the hash chain, in insertion order: ChainIndex = head + 1, PreviousHash =
/// head's hash, Hash = HMAC over both and the record's contents under the chain key (<see cref="AuditHash.ComputeKeyed"/>). Every process runs one, on a
/// poll and shortly after a local commit added records (<see cref="AuditOptions.SealGather"/>). Sealers on one database need no lock: the unique ChainIndex
/// makes the one that appended after a stale head fail, and the Hash concurrency token makes the one that took
/// an already sealed row fail; the loser re-reads the head and tries again. So the chain has no forks or gaps.
/// On PostgreSQL a sealer first takes a transaction-scoped advisory lock and skips its round if another holds it:
/// five processes woken by their own commits otherwise raced for the head all the time, and every lost race was a
/// batch read, MACed and written for nothing (326 lost races in 2.5 minutes at 12 cases/s, docs/benchmarks-history.md).
/// A sealer appends only after a head whose hash it can recompute under its own key
/// (<see cref="AuditChainKeyMismatchException"/>): a process given another key seals nothing, instead of continuing
/// the chain with links no verifier under the county's key accepts.
/// </summary>
public sealed class AuditSealer(
    IServiceScopeFactory scopes,
    CommitSignal<AuditRecord> signal,
    AuditChainKey key,
    IOptions<AuditOptions> options,
    ILogger<AuditSealer> logger) : BackgroundService
{
    /// <summary>Lost races in a row before a round gives up (and the next round starts afresh).</summary>
    private const int MaxConflicts = 50;

    private readonly AuditOptions _options = options.Value;

    private bool _mismatchReported;

    private readonly AuditSealFloor _floor = new(options.Value.SealLookback, options.Value.SealFullScanEvery);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
                var (count, highest) = await SealPendingAfterAsync(db, key, _options.SealBatchSize, _floor.StartAt(Environment.TickCount64), _options.UnkeyedUpTo, stoppingToken);
                // Stamped when the round ended, not began: the lookback then counts from after the read, never before it.
                if (highest is { } read) _floor.Read(Environment.TickCount64, read);
                if (count > 0) logger.LogDebug("Sealed {Count} audit records", count);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (AuditChainKeyMismatchException ex)
            {
                // The key is read once at start: said once per process, not every second.
                if (!_mismatchReported) logger.LogError(ex, "This process seals no audit records: {Reason}", ex.Message);
                _mismatchReported = true;
            }
            catch (Exception ex)
            {
                // Database away or not migrated yet: records wait unsealed and are sealed on a later round.
                logger.LogWarning(ex, "Audit sealing round failed; retrying");
            }

            var signalled = signal.WaitAsync(_options.SealInterval, stoppingToken);
            await ((Task)signalled).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (signalled.IsCompletedSuccessfully && signalled.Result && _options.SealGather > TimeSpan.Zero)
            {
                await Task.Delay(_options.SealGather, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>The PostgreSQL advisory lock a sealing round holds ("tongban" and 1).</summary>
    public const long ChainLock = 0x746F6E6762616E01;

    /// <summary>
    /// Seals batches until a batch finds fewer than <paramref name="batchSize"/> unsealed records. Safe to run
    /// concurrently against one database from any number of contexts and processes. Returns how many records
    /// this call sealed: none on PostgreSQL when another sealer holds <see cref="ChainLock"/> (it seals what is
    /// there; what it missed is sealed on a later round, within <see cref="AuditOptions.SealInterval"/>). Throws
    /// <see cref="AuditChainKeyMismatchException"/>, sealing nothing, when the chain's head was not sealed under
    /// <paramref name="key"/>.
    /// </summary>
    public static async Task<int> SealPendingAsync(TongbanDbContext db, AuditChainKey key, int batchSize, CancellationToken ct) =>
        (await SealPendingAfterAsync(db, key, batchSize, long.MinValue, unkeyedUpTo: 0, ct)).Sealed;

    /// <summary>
    /// <see cref="SealPendingAsync"/> for the unsealed records after Sequence <paramref name="after"/> only (see
    /// <see cref="AuditSealFloor"/>). Also returns the highest Sequence it read, or null when it read none.
    /// </summary>
    /// <param name="unkeyedUpTo">The last ChainIndex sealed before the chain had a key (<see cref="AuditOptions.UnkeyedUpTo"/>).</param>
    public static async Task<(int Sealed, long? Highest)> SealPendingAfterAsync(TongbanDbContext db, AuditChainKey key, int batchSize, long after, long unkeyedUpTo, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (!db.Database.IsNpgsql()) return await SealUntilDoneAsync(db, key, batchSize, unkeyedUpTo, after, ct);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var taken = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({ChainLock}) AS \"Value\"").SingleAsync(ct);
        if (!taken) return (0, null);
        var result = await SealUntilDoneAsync(db, key, batchSize, unkeyedUpTo, after, ct);
        await transaction.CommitAsync(ct);
        return result;
    }

    private static async Task<(int Sealed, long? Highest)> SealUntilDoneAsync(TongbanDbContext db, AuditChainKey key, int batchSize, long unkeyedUpTo, long after, CancellationToken ct)
    {
        var total = 0;
        var conflicts = 0;
        long? highest = null;
        // Rows without a valid record MAC stay behind unsealed; the cursor steps past them within this call.
        while (true)
        {
            (int Sealed, int Read, long Last) batch;
            try
            {
                batch = await SealBatchAsync(db, key, batchSize, unkeyedUpTo, after, ct);
                conflicts = 0;
            }
            catch (DbUpdateException) when (++conflicts < MaxConflicts)
            {
                // Another sealer got there first (unique ChainIndex, or the row's Hash no longer NULL). Forget
                // this attempt and re-read the head; the jitter stops two sealers from colliding in lock-step.
                db.ChangeTracker.Clear();
                await Task.Delay(Random.Shared.Next(5, 40), ct);
                continue;
            }

            total += batch.Sealed;
            if (batch.Read > 0) highest = batch.Last;
            if (batch.Read < batchSize) return (total, highest);
            after = batch.Last;
        }
    }

    private static async Task<(int Sealed, int Read, long Last)> SealBatchAsync(TongbanDbContext db, AuditChainKey key, int batchSize, long unkeyedUpTo, long after, CancellationToken ct)
    {
        var head = await db.AuditRecords.AsNoTracking()
            .Where(r => r.ChainIndex != null)
            .OrderByDescending(r => r.ChainIndex)
            .FirstOrDefaultAsync(ct);
        if (head is not null && !SealedUnder(head, key, unkeyedUpTo)) throw new AuditChainKeyMismatchException(head.ChainIndex!.Value);
        var setWise = db.Database.IsNpgsql();
        var unsealed = db.AuditRecords.Where(r => r.ChainIndex == null && r.Sequence > after);
        if (setWise) unsealed = unsealed.AsNoTracking();
        var rows = await unsealed.OrderBy(r => r.Sequence).Take(batchSize).ToListAsync(ct);
        if (rows.Count == 0) return (0, 0, after);
        var last = rows[^1].Sequence;
        // Only what the application wrote gets a place in the chain: a row inserted into the table directly has
        // no valid MAC (the key is not in the database) and is left unsealed, for verification to report.
        var genuine = rows.Where(r => r.HasValidMac(key.Bytes)).ToList();
        var read = rows.Count;
        rows = genuine;

        var index = head?.ChainIndex ?? 0;
        var previous = head?.Hash ?? AuditHash.Genesis;
        foreach (var row in rows)
        {
            index++;
            row.ChainIndex = index;
            row.PreviousHash = previous;
            row.Hash = AuditHash.ComputeKeyed(row.LinkAt(index, previous), key.Bytes);
            previous = row.Hash;
        }

        if (setWise) await WriteSealsAsync(db, rows, ct);
        else await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return (rows.Count, read, last);
    }

    /// <summary>Whether the head's hash is the one <paramref name="key"/> gives (or it was sealed before the chain had a key).</summary>
    private static bool SealedUnder(AuditRecord head, AuditChainKey key, long unkeyedUpTo) =>
        head.ChainIndex <= unkeyedUpTo
        || string.Equals(AuditHash.ComputeKeyed(head.LinkAt(head.ChainIndex!.Value, head.PreviousHash ?? ""), key.Bytes), head.Hash, StringComparison.Ordinal);

    /// <summary>
    /// PostgreSQL: the batch's seals in one statement instead of one UPDATE per record (a record per transition:
    /// about a sixteenth of the county's statements, docs/benchmarks-history.md). The same guard as the Hash concurrency
    /// token: a row sealed meanwhile is not overwritten. Under the advisory lock that cannot happen; if it does, the
    /// round fails and its transaction rolls back (a partly written batch would not be a chain to retry from).
    /// </summary>
    private static async Task WriteSealsAsync(TongbanDbContext db, IReadOnlyList<AuditRecord> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        var sequences = rows.Select(r => r.Sequence).ToArray();
        var indexes = rows.Select(r => r.ChainIndex!.Value).ToArray();
        var previous = rows.Select(r => r.PreviousHash!).ToArray();
        var hashes = rows.Select(r => r.Hash!).ToArray();
        var written = await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE audit_records AS a SET "ChainIndex" = s.chain_index, "PreviousHash" = s.previous_hash, "Hash" = s.hash
            FROM unnest({sequences}::bigint[], {indexes}::bigint[], {previous}::text[], {hashes}::text[]) AS s(sequence, chain_index, previous_hash, hash)
            WHERE a."Sequence" = s.sequence AND a."Hash" IS NULL
            """, ct);
        if (written != rows.Count) throw new InvalidOperationException($"Sealed {written} of {rows.Count} audit records: another sealer got there first.");
    }
}
