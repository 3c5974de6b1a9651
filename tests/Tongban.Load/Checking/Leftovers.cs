using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Tongban.Testing;

namespace Tongban.Load.Checking;

/// <summary>What is left in the system once the load has drained: it should all be zero but the case count.</summary>
public sealed record Leftovers(long CasesInSystem, long UnsentOutboxRows, long OpenDeadLetters, IReadOnlyDictionary<string, long> QueuedMessages, IReadOnlyDictionary<string, long> ErrorQueueMessages)
{
    /// <summary>Why the open dead letters failed (exception type and message, ids only), for the report.</summary>
    public IReadOnlyList<string> DeadLetterReasons { get; init; } = [];

    /// <summary>
    /// Reads the database and, in distributed mode, the broker's queues, waiting up to a minute until the outbox and
    /// the queues are empty: the bureau's monitor may still be catching up on events, and a row claimed by a relay
    /// that was killed is sent by another once the claim's lease (30 s) has run out.
    /// </summary>
    public static async Task<Leftovers> ReadAsync(County county, CancellationToken ct)
    {
        // Unpooled: a pooled connection may have been cut by a database restart during the run.
        await using DbConnection connection = county.Shape.Mode == CountyMode.Distributed
            ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(county.ConnectionString) { Pooling = false }.ConnectionString)
            : new SqliteConnection(county.ConnectionString);
        await connection.OpenAsync(ct);

        const string UnsentSql = "SELECT COUNT(*) FROM outbox WHERE \"DispatchedAt\" IS NULL";
        IReadOnlyDictionary<string, long> queued = new Dictionary<string, long>();
        IReadOnlyDictionary<string, long> errors = new Dictionary<string, long>();
        long unsent = 0;
        for (var i = 0; i < 60; i++)
        {
            unsent = await ScalarAsync(connection, UnsentSql, ct);
            if (county.Shape.Mode == CountyMode.Distributed)
            {
                var depths = await Substrate.QueueDepthsAsync(county.VirtualHost);
                queued = depths.Where(d => !d.Key.EndsWith("_error", StringComparison.Ordinal) && d.Value > 0).ToDictionary();
                errors = depths.Where(d => d.Key.EndsWith("_error", StringComparison.Ordinal) && d.Value > 0).ToDictionary();
            }

            if (unsent == 0 && queued.Count == 0) break;
            await Task.Delay(1000, ct);
        }

        var reasons = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT \"ExceptionType\" || ': ' || \"ExceptionMessage\" FROM dead_letters WHERE \"Status\" = 'Open' LIMIT 10";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) reasons.Add(reader.GetString(0));
        }

        return new Leftovers(
            await ScalarAsync(connection, "SELECT COUNT(*) FROM cases", ct),
            unsent,
            // The bureau's list of hand-offs that could not be processed (异常消息), on either transport.
            await ScalarAsync(connection, "SELECT COUNT(*) FROM dead_letters WHERE \"Status\" = 'Open'", ct),
            queued,
            errors) { DeadLetterReasons = reasons };
    }

    private static async Task<long> ScalarAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
