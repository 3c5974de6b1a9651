using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tongban.Workflows.Auditing;
using Tongban.Workflows.Runtime.Auditing;
using Tongban.Workflows.Runtime.Persistence;
using Xunit.Abstractions;

namespace Tongban.Integration.Tests.Distributed;

/// <summary>The audit trail on real PostgreSQL: the guard triggers, and several sealers on one database.</summary>
public sealed class AuditPostgresTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _name = $"audit_{Guid.NewGuid().ToString("N")[..10]}";
    private string _connectionString = null!;
    private static readonly AuditChainKey Key = new([.. Enumerable.Range(1, 32).Select(i => (byte)i)]);

    public async Task InitializeAsync() => _connectionString = await MigratedPostgres.CreateAsync(_name);

    public Task DisposeAsync() => Substrate.DropDatabaseAsync(_name);

    private TongbanDbContext Context(AuditChainKey? key = null) => MigratedPostgres.Context(_connectionString, new AuditRecordMacs(key ?? Key));

    private async Task AppendAsync(int count, DateTimeOffset at, AuditChainKey? key = null)
    {
        await using var db = Context(key);
        for (var i = 0; i < count; i++)
        {
            AuditTrail.Append(db, AuditEntry.ForCase(at.AddMilliseconds(i), $"staff-{i % 7}", "case.SignFor", Guid.CreateVersion7(), detail: $"row {i}"));
        }

        await db.SaveChangesAsync();
    }

    private async Task<int> ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task The_triggers_refuse_changes_to_records_and_deletion_within_six_months_but_let_old_records_go()
    {
        var now = DateTimeOffset.UtcNow;
        await AppendAsync(1, now.AddDays(-200)); // older than the retention period
        await AppendAsync(3, now);

        // Before sealing, only the sealer's chain columns may be written.
        var unsealed = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync("""UPDATE audit_records SET "Outcome" = 'denied' WHERE "Sequence" = 2"""));
        Assert.Equal(PostgresErrorCodes.RestrictViolation, unsealed.SqlState);

        await using (var db = Context()) Assert.Equal(4, await AuditSealer.SealPendingAsync(db, Key, 100, CancellationToken.None));

        var update = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync("""UPDATE audit_records SET "Outcome" = 'denied' WHERE "ChainIndex" = 2"""));
        Assert.Contains("append-only", update.MessageText, StringComparison.Ordinal);
        await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync("""UPDATE audit_records SET "Hash" = NULL, "ChainIndex" = NULL WHERE "ChainIndex" = 3"""));
        var delete = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync("""DELETE FROM audit_records WHERE "ChainIndex" = 3"""));
        Assert.Contains("six months", delete.MessageText, StringComparison.Ordinal);
        await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync("TRUNCATE audit_records"));

        // Retention is a minimum, not forever: the 200-day-old record (the chain's first) may be purged.
        Assert.Equal(1, await ExecuteAsync("""DELETE FROM audit_records WHERE "ChainIndex" = 1"""));
        await using (var db = Context())
        {
            var result = await AuditVerifier.VerifyAsync(db, Key, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
            Assert.True(result.Intact);
            Assert.Equal((2L, 4L, 3L), (result.FirstIndex, result.HeadIndex, result.Sealed));
        }
    }

    [Fact]
    public async Task Two_sealers_racing_on_one_database_build_one_gap_free_chain()
    {
        await AppendAsync(500, DateTimeOffset.UtcNow);

        await using var first = Context();
        await using var second = Context();
        using var start = new SemaphoreSlim(0, 2);
        async Task<int> SealAsync(TongbanDbContext db)
        {
            await start.WaitAsync();
            return await AuditSealer.SealPendingAsync(db, Key, batchSize: 50, CancellationToken.None);
        }

        var racing = new[] { Task.Run(() => SealAsync(first)), Task.Run(() => SealAsync(second)) };
        start.Release(2);
        var counts = await Task.WhenAll(racing);
        output.WriteLine($"sealed by the first sealer: {counts[0]}, by the second: {counts[1]}");
        Assert.Equal(500, counts.Sum());

        await using var db = Context();
        var indexes = await db.AuditRecords.OrderBy(r => r.ChainIndex).Select(r => r.ChainIndex).ToListAsync();
        Assert.Equal(Enumerable.Range(1, 500).Select(i => (long?)i), indexes);
        var result = await AuditVerifier.VerifyAsync(db, Key, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        Assert.True(result.Intact, $"first broken {result.FirstBrokenIndex} ({result.Problem}), gaps {result.Gaps.Count}");
        Assert.Equal((1L, 500L, 500L), (result.FirstIndex, result.HeadIndex, result.Sealed));
        Assert.Equal(AuditHash.Genesis, await db.AuditRecords.Where(r => r.ChainIndex == 1).Select(r => r.PreviousHash).SingleAsync());
    }

    [Fact]
    public async Task A_process_given_another_key_seals_nothing_so_the_chain_stays_verifiable_under_the_county_key()
    {
        var other = new AuditChainKey([.. Enumerable.Range(101, 32).Select(i => (byte)i)]);
        await AppendAsync(5, DateTimeOffset.UtcNow);
        await using (var db = Context()) Assert.Equal(5, await AuditSealer.SealPendingAsync(db, Key, 100, CancellationToken.None));

        // A misconfigured process writes records under its own key and tries to seal them after the county's head.
        await AppendAsync(2, DateTimeOffset.UtcNow, other);
        await using (var db = Context(other))
        {
            var refused = await Assert.ThrowsAsync<AuditChainKeyMismatchException>(() => AuditSealer.SealPendingAsync(db, other, 100, CancellationToken.None));
            Assert.Equal(5, refused.HeadIndex);
        }

        await AppendAsync(3, DateTimeOffset.UtcNow);
        await using (var db = Context())
        {
            // The county's sealer goes on; the two records it cannot vouch for stay unsealed, reported as forged.
            Assert.Equal(3, await AuditSealer.SealPendingAsync(db, Key, 100, CancellationToken.None));
            var result = await AuditVerifier.VerifyAsync(db, Key, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
            Assert.Null(result.FirstBrokenIndex);
            Assert.Equal((8L, 8L, 2), (result.HeadIndex, result.Sealed, result.Forged));
        }
    }

    [Fact]
    public async Task A_round_started_after_a_floor_seals_what_is_above_it_and_a_round_from_the_start_seals_what_committed_late_below_it()
    {
        await AppendAsync(5, DateTimeOffset.UtcNow);
        await using (var db = Context()) Assert.Equal(5, await AuditSealer.SealPendingAsync(db, Key, 100, CancellationToken.None));
        await AppendAsync(3, DateTimeOffset.UtcNow); // Sequences 6, 7, 8

        await using (var db = Context())
        {
            Assert.Equal((1, (long?)8), await AuditSealer.SealPendingAfterAsync(db, Key, 100, after: 7, unkeyedUpTo: 0, CancellationToken.None));
            Assert.Equal([6L, 7L], await db.AuditRecords.Where(r => r.ChainIndex == null).OrderBy(r => r.Sequence).Select(r => r.Sequence).ToListAsync());
            Assert.Equal((2, (long?)7), await AuditSealer.SealPendingAfterAsync(db, Key, 100, after: long.MinValue, unkeyedUpTo: 0, CancellationToken.None));
            var result = await AuditVerifier.VerifyAsync(db, Key, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
            Assert.True(result.Intact, $"first broken {result.FirstBrokenIndex} ({result.Problem})");
            Assert.Equal(8, result.Sealed);
        }
    }

    [Fact]
    public async Task A_sealer_skips_its_round_while_another_holds_the_chain_lock_and_seals_once_it_is_free()
    {
        await AppendAsync(20, DateTimeOffset.UtcNow);
        await using (var holder = new NpgsqlConnection(_connectionString))
        {
            await holder.OpenAsync();
            await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({AuditSealer.ChainLock})", holder)) await take.ExecuteScalarAsync();

            await using var db = Context();
            Assert.Equal(0, await AuditSealer.SealPendingAsync(db, Key, 100, CancellationToken.None));
            Assert.Equal(20, await db.AuditRecords.CountAsync(r => r.ChainIndex == null));

            // Explicitly: a pooled connection keeps a session lock until it is next used.
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({AuditSealer.ChainLock})", holder);
            await release.ExecuteScalarAsync();
        }

        await using (var db = Context()) Assert.Equal(20, await AuditSealer.SealPendingAsync(db, Key, 100, CancellationToken.None));
    }

    [Fact]
    public async Task A_record_altered_and_the_chain_recomputed_without_the_key_does_not_verify()
    {
        await AppendAsync(5, DateTimeOffset.UtcNow);
        await using (var db = Context()) Assert.Equal(5, await AuditSealer.SealPendingAsync(db, Key, 100, CancellationToken.None));

        // The database owner drops the guard, alters record 3 and reseals 3..5 with the hash function (no key).
        await ExecuteAsync("DROP TRIGGER audit_records_no_change ON audit_records");
        await using (var db = Context())
        {
            var rows = await db.AuditRecords.OrderBy(r => r.ChainIndex).ToListAsync();
            var previous = rows[1].Hash!;
            foreach (var row in rows.Skip(2))
            {
                if (row.ChainIndex == 3) row.Outcome = AuditOutcomes.Denied;
                row.PreviousHash = previous;
                row.Hash = AuditHash.Compute(row.LinkAt(row.ChainIndex!.Value, previous));
                previous = row.Hash;
                await ExecuteAsync($"""UPDATE audit_records SET "Outcome" = '{row.Outcome}', "PreviousHash" = '{row.PreviousHash}', "Hash" = '{row.Hash}' WHERE "ChainIndex" = {row.ChainIndex}""");
            }
        }

        await using (var check = Context())
        {
            var result = await AuditVerifier.VerifyAsync(check, Key, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
            Assert.False(result.Intact);
            Assert.Equal((3L, AuditChainProblem.ContentChanged), (result.FirstBrokenIndex, result.Problem));
        }
    }

    [Fact]
    public async Task A_record_inserted_directly_is_not_sealed_and_verification_reports_it_as_forged()
    {
        await AppendAsync(3, DateTimeOffset.UtcNow);
        // Someone with write access to the table adds a record of their own, MAC and all made up.
        await ExecuteAsync($"""
            INSERT INTO audit_records ("Id", "At", "ActorId", "Action", "Subject", "Outcome", "RecordMac")
            VALUES ('{Guid.CreateVersion7()}', now(), 'hexi.backoffice', 'case.Decide', 'case:{Guid.CreateVersion7()}', 'ok', '{new string('a', 64)}')
            """);
        await AppendAsync(2, DateTimeOffset.UtcNow);

        await using var db = Context();
        Assert.Equal(5, await AuditSealer.SealPendingAsync(db, Key, batchSize: 2, CancellationToken.None));
        Assert.Equal(1, await db.AuditRecords.CountAsync(r => r.Hash == null));

        var result = await AuditVerifier.VerifyAsync(db, Key, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        Assert.False(result.Intact);
        Assert.Equal((1, 4L), (result.Forged, result.FirstForgedSequence!.Value));
        Assert.Equal((5L, 0), (result.HeadIndex!.Value, result.Gaps.Count));
    }
}
