using System.Diagnostics;
using Npgsql;
using RabbitMQ.Client;

namespace Tongban.Limit;

/// <summary>Where and how long to run the limit.</summary>
public sealed record LimitOptions
{
    /// <summary>An empty database of the limit's own (the caller creates and drops it).</summary>
    public required string Postgres { get; init; }

    /// <summary>The broker (amqp://user:password@host:port/) and a virtual host of the limit's own.</summary>
    public required Uri RabbitMq { get; init; }

    public required string VirtualHost { get; init; }

    public int Desks { get; init; } = 32;

    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan Measured { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Cumulative CPU seconds of each part to charge (this process, PostgreSQL, RabbitMQ), read at the window's edges.</summary>
    public Func<IReadOnlyDictionary<string, double>> CpuSeconds { get; init; } = () => new Dictionary<string, double>();

    public Action<string> Log { get; init; } = _ => { };
}

/// <summary>What the limit carried in its measured window.</summary>
public sealed record LimitFigures
{
    public required int Desks { get; init; }
    public required double Seconds { get; init; }
    public required double CasesPerSecond { get; init; }
    public required double TransitionsPerSecond { get; init; }
    public required double StepP99Milliseconds { get; init; }
    public required double HandOffP99Milliseconds { get; init; }

    /// <summary>CPU milliseconds per committed transition, by part (as named by <see cref="LimitOptions.CpuSeconds"/>).</summary>
    public required IReadOnlyDictionary<string, double> CpuMillisecondsPerTransition { get; init; }

    /// <summary>Archived cases checked after the run, and what was wrong with any of them (must be none).</summary>
    public required int Checked { get; init; }
    public required IReadOnlyList<string> Wrong { get; init; }

    /// <summary>Version conflicts on receipt, failed steps, relay and consumer errors over the whole run (must be 0).</summary>
    public required long Faults { get; init; }
}

/// <summary>Runs the limit: starts its parts in this process, drives it with the desks, measures, checks, stops.</summary>
public static class LimitRun
{
    public static async Task<LimitFigures> RunAsync(LimitOptions options)
    {
        var connection = new NpgsqlConnectionStringBuilder(options.Postgres) { MaxPoolSize = 40, MaxAutoPrepare = 16, AutoPrepareMinUsages = 2, NoResetOnClose = true };
        await using var db = NpgsqlDataSource.Create(connection.ConnectionString);
        var store = new Store(db);
        await store.CreateSchemaAsync();

        var factory = new ConnectionFactory { Uri = options.RabbitMq, VirtualHost = options.VirtualHost };
        await using var publishing = await factory.CreateConnectionAsync("tongban-limit relay");
        await using var consuming = await factory.CreateConnectionAsync("tongban-limit nodes");
        var tokens = Enumerable.Range(0, options.Desks).ToDictionary(i => $"{Guid.NewGuid():N}{Guid.NewGuid():N}", i => $"desk{i:D2}");
        var arrivals = new Arrivals();
        await using var relay = new Relay(store, publishing);
        await using var nodes = new Nodes(store, relay, consuming, arrivals);
        await using var api = new Api(store, relay, nodes, arrivals, tokens);
        await nodes.StartAsync();
        await relay.StartAsync();
        await api.StartAsync();

        var desks = new Desks(api.Address!, [.. tokens.Keys]);
        using var stop = new CancellationTokenSource();
        options.Log($"limit: {options.Desks} desks, {options.WarmUp.TotalSeconds:0} s warm-up, {options.Measured.TotalSeconds:0} s measured");
        var running = desks.RunAsync(stop.Token);
        await Task.Delay(options.WarmUp);

        var cpuBefore = options.CpuSeconds();
        var (casesBefore, transitionsBefore) = (desks.Completed, api.Transitions + nodes.HandOffsApplied);
        desks.StepMilliseconds.Start();
        nodes.HandOffMilliseconds.Start();
        var clock = Stopwatch.StartNew();
        await Task.Delay(options.Measured);
        var seconds = clock.Elapsed.TotalSeconds;
        var (cases, transitions) = (desks.Completed - casesBefore, api.Transitions + nodes.HandOffsApplied - transitionsBefore);
        var cpuAfter = options.CpuSeconds();
        desks.StepMilliseconds.Stop();
        nodes.HandOffMilliseconds.Stop();

        await stop.CancelAsync();
        await running;
        await DrainAsync(api, nodes);
        var (archived, wrong) = await store.CheckAsync();
        options.Log($"limit: {cases / seconds:0.0} cases/s, {transitions / seconds:0} transitions/s; {archived} archived cases checked, {wrong.Count} wrong");

        var cpu = cpuAfter.ToDictionary(p => p.Key, p => 1000 * (p.Value - cpuBefore.GetValueOrDefault(p.Key)) / Math.Max(1, transitions));
        return new LimitFigures
        {
            Desks = options.Desks,
            Seconds = seconds,
            CasesPerSecond = cases / seconds,
            TransitionsPerSecond = transitions / seconds,
            StepP99Milliseconds = desks.StepMilliseconds.Percentile(99),
            HandOffP99Milliseconds = nodes.HandOffMilliseconds.Percentile(99),
            CpuMillisecondsPerTransition = cpu,
            Checked = archived,
            Wrong = wrong,
            Faults = nodes.Conflicts + nodes.Errors + relay.Errors + desks.Failures,
        };
    }

    /// <summary>Waits until every staged message was applied (each transition stages one), so the check sees it all.</summary>
    private static async Task DrainAsync(Api api, Nodes nodes)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            var staged = api.Transitions + nodes.HandOffsApplied;
            var applied = nodes.HandOffsApplied + nodes.EventsApplied + nodes.Conflicts;
            if (applied >= staged) return;
            await Task.Delay(100);
        }
    }
}
