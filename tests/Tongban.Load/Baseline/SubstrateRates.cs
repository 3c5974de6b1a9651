using System.Diagnostics;
using MassTransit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tongban.Testing;

namespace Tongban.Load.Baseline;

/// <summary>
/// The raw rates of the parts under the engine, measured in the same run on the same servers, so that the
/// engine's figures can be read as a share of what the machine gives at that moment.
/// </summary>
public static class SubstrateRates
{
    /// <summary>MassTransit publish → consume, durable, publisher confirms, prefetch 32 (as the nodes run): messages/s.</summary>
    public static async Task<double> BusAsync(bool rabbitMq, int messages = 20_000)
    {
        var vhost = $"tongban-rate-{Guid.NewGuid():N}"[..24];
        if (rabbitMq) await Substrate.CreateVirtualHostAsync(vhost);
        try
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var counter = new RateProbeCounter(messages, done);
            var services = new ServiceCollection();
            services.AddSingleton(counter);
            services.AddMassTransit(bus =>
            {
                bus.ConfigureUsageTelemetryOptions(o => o.Enabled = false);
                bus.AddConsumer<RateProbeConsumer>().Endpoint(e => e.PrefetchCount = 32);
                if (rabbitMq)
                {
                    bus.UsingRabbitMq((context, cfg) =>
                    {
                        var (user, password) = Substrate.RabbitCredentials;
                        cfg.Host(Substrate.RabbitMq.Host, (ushort)Substrate.RabbitMq.Port, vhost, h =>
                        {
                            h.Username(user);
                            h.Password(password);
                        });
                        cfg.ConfigureEndpoints(context);
                    });
                }
                else
                {
                    bus.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
                }
            });
            await using var provider = services.BuildServiceProvider();
            var control = provider.GetRequiredService<IBusControl>();
            await control.StartAsync();
            try
            {
                var clock = Stopwatch.StartNew();
                // Confirms are waited for in parallel, as the outbox relay does.
                await Parallel.ForEachAsync(Enumerable.Range(0, messages), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, ct) =>
                    await control.Publish(new RateProbe(i), c => c.Durable = true, ct));
                await done.Task.WaitAsync(TimeSpan.FromMinutes(5));
                return messages / clock.Elapsed.TotalSeconds;
            }
            finally
            {
                await control.StopAsync();
            }
        }
        finally
        {
            if (rabbitMq) await Substrate.DeleteVirtualHostAsync(vhost);
        }
    }

    /// <summary>Single-row INSERT, one row per transaction, with N connections: commits/s on PostgreSQL.</summary>
    public static async Task<double> PostgresCommitsAsync(int connections, TimeSpan duration)
    {
        var name = $"tongban_rate_{Guid.NewGuid():N}"[..24];
        var cs = await Substrate.CreateDatabaseAsync(name);
        try
        {
            await using (var setup = new NpgsqlConnection(cs))
            {
                await setup.OpenAsync();
                await new NpgsqlCommand("CREATE TABLE probe (id bigserial PRIMARY KEY, body text NOT NULL)", setup).ExecuteNonQueryAsync();
            }

            return await CommitRateAsync(connections, duration, async () =>
            {
                var c = new NpgsqlConnection(cs);
                await c.OpenAsync();
                return c;
            }, "INSERT INTO probe (body) VALUES ('x')");
        }
        finally
        {
            await Substrate.DropDatabaseAsync(name);
        }
    }

    /// <summary>Single-row INSERT, one row per transaction, on SQLite in WAL mode (as the embedded system runs it).</summary>
    public static async Task<double> SqliteCommitsAsync(TimeSpan duration)
    {
        var dir = Directory.CreateTempSubdirectory("tongban-rate-").FullName;
        try
        {
            var cs = $"Data Source={Path.Combine(dir, "probe.db")};Pooling=False";
            await using (var setup = new SqliteConnection(cs))
            {
                await setup.OpenAsync();
                await using var command = setup.CreateCommand();
                command.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE probe (id INTEGER PRIMARY KEY, body TEXT NOT NULL);";
                await command.ExecuteNonQueryAsync();
            }

            return await CommitRateAsync(1, duration, async () =>
            {
                var c = new SqliteConnection(cs);
                await c.OpenAsync();
                return c;
            }, "INSERT INTO probe (body) VALUES ('x')");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<double> CommitRateAsync(int connections, TimeSpan duration, Func<Task<System.Data.Common.DbConnection>> open, string sql)
    {
        var total = 0L;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            await using var connection = await open();
            var n = 0L;
            while (clock.Elapsed < duration)
            {
                await using var tx = await connection.BeginTransactionAsync();
                await using var command = connection.CreateCommand();
                command.Transaction = tx;
                command.CommandText = sql;
                await command.ExecuteNonQueryAsync();
                await tx.CommitAsync();
                n++;
            }

            Interlocked.Add(ref total, n);
        }));
        return total / clock.Elapsed.TotalSeconds;
    }
}

internal sealed class RateProbeCounter(int expected, TaskCompletionSource done)
{
    private int _count;

    public void Count()
    {
        if (Interlocked.Increment(ref _count) == expected) done.TrySetResult();
    }
}

internal sealed class RateProbeConsumer(RateProbeCounter counter) : IConsumer<RateProbe>
{
    public Task Consume(ConsumeContext<RateProbe> context)
    {
        counter.Count();
        return Task.CompletedTask;
    }
}

/// <summary>The bus rate probe's message.</summary>
public sealed record RateProbe(int Number);
