using System.Diagnostics;
using Tongban.Limit;
using Tongban.Load.Baseline;
using Tongban.Load.Checking;
using Tongban.Load.Driving;
using Tongban.Load.Reporting;
using Tongban.Testing;

namespace Tongban.Load;

/// <summary>
/// One load run: the substrate's raw rates, then the county under the offered load, then the reconciliation
/// and the figures. <paramref name="duringLoad"/> lets the fault suite break things while the load runs.
/// With <paramref name="measureLimit"/> (distributed mode only) the limit runs first as well: the project's walk with
/// the same guarantees and nothing more (bench/Tongban.Limit), so the report can give the engine's cases/s as a ratio
/// to it, measured on the same machine minutes apart.
/// </summary>
public static class LoadRun
{
    public static async Task<LoadFigures> RunAsync(CountyShape shape, LoadOptions options, Func<County, LoadDriver, CancellationToken, Task>? duringLoad = null, Action<string>? log = null, bool measureSubstrate = true, CancellationToken ct = default, bool measureLimit = false)
    {
        log ??= _ => { };
        var rates = measureSubstrate ? await MeasureSubstrateAsync(shape.Mode, log) : [];
        var limit = measureLimit && shape.Mode == CountyMode.Distributed ? await MeasureLimitAsync(log) : null;
        // Embedded, the engine uses no PostgreSQL (and the server's settings may not even be given).
        var postgres = shape.Mode == CountyMode.Distributed ? await ServerCpu.ForPostgresAsync(Substrate.PostgresAdmin) : ServerCpu.EveryPostgres;

        log($"starting the county ({shape.Mode}, {shape.NodesPerRole} set(s) of node processes ({string.Join(" / ", shape.NodeRoles)}), {shape.Gateways} gateway(s))");
        // Warnings only: a busy node's per-message information lines would cost more than the work measured.
        var settings = new Dictionary<string, string>(ServiceProcess.WarningsOnly);
        foreach (var (key, value) in shape.Settings) settings[key] = value;
        await using var county = await County.StartAsync(shape with { Settings = settings, RestartOnExit = true });
        var driver = new LoadDriver(options, [.. county.Gateways.Select(g => g.Address)]);

        log($"offering {options.Rate} cases/s for {options.Duration.TotalSeconds:0} s" + (options.WarmUp > TimeSpan.Zero ? $", the first {options.WarmUp.TotalSeconds:0} s not counted" : ""));
        var load = driver.RunAsync(ct);
        var faults = BreakWhileLoadedAsync(duringLoad, county, driver, ct);
        if (options.WarmUp > TimeSpan.Zero)
        {
            await Task.WhenAny(Task.Delay(options.WarmUp, ct), Task.WhenAll(load, faults));
            driver.Api.Latencies.Clear();
            driver.Api.LatenciesFromFirstAttempt.Clear();
            driver.Api.Refusals.Clear();
        }

        var cpuBefore = county.Processes.ToDictionary(p => p, p => p.CpuSeconds());
        var generatorBefore = ProcStat.CpuSeconds(Environment.ProcessId) ?? 0;
        var databaseBefore = postgres.Seconds();
        var brokerBefore = ProcStat.CpuSecondsByName("beam.smp");
        var brokerPids = ProcStat.PidsByName("beam.smp");
        var clock = Stopwatch.StartNew();
        var runStart = DateTimeOffset.UtcNow;
        await Task.WhenAll(load, faults);
        var loadSeconds = Math.Max(driver.IntakeSeconds, 1);

        // CPU over the offered-load window after the warm-up and its drain, as a share of one core over that whole time.
        var runSeconds = clock.Elapsed.TotalSeconds;
        var runEnd = DateTimeOffset.UtcNow;
        var processes = county.Processes.Select(p => new ProcessFigures(p.Name, p.PeakRssMb(), 100 * (p.CpuSeconds() - cpuBefore.GetValueOrDefault(p)) / runSeconds, p.Starts)).ToList();
        processes.Add(new ProcessFigures("load generator", ProcStat.PeakRssMb(Environment.ProcessId) ?? 0, 100 * ((ProcStat.CpuSeconds(Environment.ProcessId) ?? 0) - generatorBefore) / runSeconds, 1));
        // A server restarted during the run (the fault suite) took its CPU counters with it: not measured then. (A
        // short-lived beam.smp, e.g. rabbitmqctl's, may come or go meanwhile: the broker's own process is still there.)
        var database = postgres.SamePostmaster ? 100 * (postgres.Seconds() - databaseBefore) / runSeconds : double.NaN;
        var broker = ProcStat.PidsByName("beam.smp").Overlaps(brokerPids) ? 100 * (ProcStat.CpuSecondsByName("beam.smp") - brokerBefore) / runSeconds : double.NaN;

        log("reconciling every case with the generator's own record");
        var reconciliation = await Reconciliation.RunAsync(driver.Api, driver.Records, [.. county.Gateways.Select(g => g.Address)], ct);
        var leftovers = await Leftovers.ReadAsync(county, ct);

        // Steady state: skip the warm-up asked for, or else the first fifth (at most 10 s) while queues fill.
        var warmUp = options.WarmUp > TimeSpan.Zero ? Math.Min(options.WarmUp.TotalSeconds, loadSeconds / 2) : Math.Min(10, loadSeconds / 5);
        var window = loadSeconds - warmUp;
        var completed = driver.Records.Count(r => r.ArchivedAt is { } at && at >= warmUp && at <= loadSeconds);
        var windowStart = driver.StartedAt.AddSeconds(warmUp);
        var windowEnd = driver.StartedAt.AddSeconds(loadSeconds);
        var transitions = reconciliation.TransitionTimes.Count(t => t >= windowStart && t <= windowEnd);
        var byRoute = reconciliation.TransitionTimesByRoute.ToDictionary(
            r => r.Key,
            r => (r.Value.Count(t => t >= windowStart && t <= windowEnd) / window,
                  driver.Records.Count(c => Route.NameOf(c.ItemCode) == r.Key && c.ArchivedAt is { } at && at >= warmUp && at <= loadSeconds) / window));

        return new LoadFigures
        {
            Shape = shape,
            TargetRate = options.Rate,
            Duration = TimeSpan.FromSeconds(loadSeconds),
            WarmUpSeconds = options.WarmUp.TotalSeconds,
            CasesOpened = driver.Records.Count(r => r.Opened),
            CompletedPerSecond = completed / window,
            CompletedPerSecondOverall = driver.Records.Count(r => r.ArchivedAt is not null) / Math.Max(1, driver.Records.Max(r => r.ArchivedAt) ?? 1),
            TransitionsPerSecond = transitions / window,
            ByRoute = byRoute,
            // Like the API's, the latencies of hand-offs sent after the warm-up: the processes' first seconds (JIT, pools) are not steady state.
            HandOffs = [.. reconciliation.HandOffs.Where(h => h.SentAt >= windowStart && h.SentAt <= windowEnd)],
            HandOffP99WithWarmUp = Percentiles.Of([.. reconciliation.HandOffs.Select(h => h.Milliseconds)], 99),
            ApiMilliseconds = driver.Api.Latencies.Where(l => l.Key != "reconcile").ToDictionary(l => l.Key, l => (IReadOnlyList<double>)[.. l.Value]),
            ApiMillisecondsFromFirstAttempt = driver.Api.LatenciesFromFirstAttempt.Where(l => l.Key != "reconcile").ToDictionary(l => l.Key, l => (IReadOnlyList<double>)[.. l.Value]),
            ApiRefusals = driver.Api.Refusals.ToDictionary(r => r.Key, r => r.Value),
            Processes = processes,
            DatabaseCpuPercent = database,
            BrokerCpuPercent = broker,
            Reconciliation = reconciliation,
            Leftovers = leftovers,
            SubstrateRates = rates,
            RunSeconds = runSeconds,
            TransitionsInRun = reconciliation.TransitionTimes.Count(t => t >= runStart && t <= runEnd),
            Limit = limit,
            ColdStartSeconds = shape.Mode == CountyMode.Embedded ? county.ColdStartSeconds : null,
            Problems = [.. driver.Problems],
        };
    }

    /// <summary>Runs <paramref name="duringLoad"/>; if it fails, the intake stops too, so the run ends with its error instead of loading on for its whole duration.</summary>
    private static async Task BreakWhileLoadedAsync(Func<County, LoadDriver, CancellationToken, Task>? duringLoad, County county, LoadDriver driver, CancellationToken ct)
    {
        if (duringLoad is null) return;
        try
        {
            await duringLoad(county, driver, ct);
        }
        catch
        {
            driver.StopIntake();
            throw;
        }
    }

    /// <summary>
    /// The limit on a database and virtual host of its own (removed afterwards), with the CPU of this process (the
    /// limit's API, nodes, relay and desks; the county is not started yet), of this PostgreSQL cluster and of RabbitMQ.
    /// </summary>
    public static async Task<LimitFigures> MeasureLimitAsync(Action<string> log, int desks = 32, TimeSpan? measured = null)
    {
        log("measuring the limit: the same walk with the same guarantees and nothing more");
        var name = $"tongban_limit_{Guid.NewGuid():N}"[..26];
        var vhost = $"tongban-limit-{Guid.NewGuid():N}"[..26];
        var database = await Substrate.CreateDatabaseAsync(name);
        await Substrate.CreateVirtualHostAsync(vhost);
        try
        {
            var postgres = await ServerCpu.ForPostgresAsync(database);
            return await LimitRun.RunAsync(new LimitOptions
            {
                Postgres = database,
                RabbitMq = Substrate.RabbitMq,
                VirtualHost = vhost,
                Desks = desks,
                Measured = measured ?? TimeSpan.FromSeconds(20),
                Log = log,
                CpuSeconds = () => new Dictionary<string, double>
                {
                    [LimitProcess] = ProcStat.CpuSeconds(Environment.ProcessId) ?? 0,
                    [LoadFigures.PostgresName] = postgres.Seconds(),
                    [LoadFigures.BrokerName] = ProcStat.CpuSecondsByName("beam.smp"),
                },
            });
        }
        finally
        {
            await Substrate.DeleteVirtualHostAsync(vhost);
            await Substrate.DropDatabaseAsync(name);
        }
    }

    /// <summary>The limit's own process: its API, nodes, relay and (on the same cores) its desks.</summary>
    public const string LimitProcess = "the limit's process (API, nodes, relay, desks)";

    private static async Task<Dictionary<string, double>> MeasureSubstrateAsync(CountyMode mode, Action<string> log)
    {
        log("measuring the substrate's raw rates");
        if (mode == CountyMode.Embedded)
        {
            return new()
            {
                ["MassTransit in-memory publish→consume msg/s"] = await SubstrateRates.BusAsync(rabbitMq: false),
                ["SQLite WAL single-row commits/s"] = await SubstrateRates.SqliteCommitsAsync(TimeSpan.FromSeconds(5)),
            };
        }

        return new()
        {
            ["MassTransit → RabbitMQ durable publish→consume msg/s"] = await SubstrateRates.BusAsync(rabbitMq: true),
            ["PostgreSQL single-row commits/s, 1 connection"] = await SubstrateRates.PostgresCommitsAsync(1, TimeSpan.FromSeconds(5)),
            ["PostgreSQL single-row commits/s, 8 connections"] = await SubstrateRates.PostgresCommitsAsync(8, TimeSpan.FromSeconds(5)),
        };
    }
}
