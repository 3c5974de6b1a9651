using Npgsql;
using Tongban.Load.Driving;
using Tongban.Testing;

namespace Tongban.Load.Faults;

/// <summary>Something the suite breaks while the load runs. Returns how long the broken part was away.</summary>
public sealed record Fault(string Name, Func<County, LoadDriver, CancellationToken, Task<TimeSpan>> InjectAsync)
{
    public static Fault RestartBroker() => new("restart RabbitMQ", async (_, _, _) => await Timed(Substrate.RestartRabbitMqAsync));

    public static Fault RestartDatabase() => new("restart PostgreSQL", async (_, _, _) => await Timed(Substrate.RestartPostgresAsync));

    /// <summary>kill -9 the first live process of a kind (a node role, or "gateway"), then start it again.</summary>
    public static Fault Kill(string kind, int round) => new($"kill -9 {kind} ({round})", async (county, _, _) =>
        await County.KillAndRestartAsync(county.First(kind, live: true)));

    /// <summary>
    /// A second township node joins the first on the same queues (competing consumers); under load the first is
    /// killed for good, and the second carries on alone.
    /// </summary>
    public static Fault SharedTownshipQueue() => new("two township nodes on one queue, kill one", async (county, _, ct) =>
    {
        var first = county.First("township", live: true);
        await county.AddNodeAsync("township", county.Nodes.Count(n => n.Roles == "township") + 1);
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        await first.KillAsync();
        return TimeSpan.Zero;
    });

    /// <summary>
    /// The relay crashes between the broker's confirm and marking its rows sent: on restart it sends them again.
    /// Every hand-off and event of the last seconds reaches its consumer twice; the inbox must make the copy a no-op.
    /// </summary>
    public static Fault DuplicateDelivery() => new("re-send the last 5 s of outbox rows (relay crash after send)", async (county, _, ct) =>
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(county.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("""UPDATE outbox SET "DispatchedAt" = NULL, "LockedUntil" = NULL WHERE "DispatchedAt" > now() - interval '5 seconds'""", connection);
        await command.ExecuteNonQueryAsync(ct);
        return TimeSpan.Zero;
    });

    private static async Task<TimeSpan> Timed(Func<Task> action)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await action();
        return clock.Elapsed;
    }
}
