using System.Globalization;
using System.Text;
using Tongban.Limit;
using Tongban.Load.Checking;
using Tongban.Testing;

namespace Tongban.Load.Reporting;

/// <summary>Resources of one process over the load window.</summary>
public sealed record ProcessFigures(string Name, double PeakRssMb, double CpuPercent, int Starts);

/// <summary>Everything one load run measured, ready to be written down.</summary>
public sealed record LoadFigures
{
    public required CountyShape Shape { get; init; }
    public required double TargetRate { get; init; }
    public required TimeSpan Duration { get; init; }
    public required int CasesOpened { get; init; }
    public required double CompletedPerSecond { get; init; }

    /// <summary>Every archived case over the time from the first intake to the last archive (intake and drain).</summary>
    public required double CompletedPerSecondOverall { get; init; }
    public required double TransitionsPerSecond { get; init; }

    /// <summary>By route the cases ran: transitions/s and completed cases/s in the same window as the totals.</summary>
    public IReadOnlyDictionary<string, (double Transitions, double Completed)> ByRoute { get; init; } = new Dictionary<string, (double, double)>();
    /// <summary>Hand-offs sent in the measured window (after the warm-up, before the drain).</summary>
    public required IReadOnlyList<RouteHandOff> HandOffs { get; init; }

    /// <summary>The p99 of every hand-off of the run, the warm-up's included.</summary>
    public double HandOffP99WithWarmUp { get; init; }
    public required IReadOnlyDictionary<string, IReadOnlyList<double>> ApiMilliseconds { get; init; }

    /// <summary>
    /// Per action, from a request's first attempt to its answer (<see cref="ApiMilliseconds"/> is the answered attempt
    /// alone): a refused request's Retry-After is waiting its desk did.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>> ApiMillisecondsFromFirstAttempt { get; init; } = new Dictionary<string, IReadOnlyList<double>>();

    /// <summary>Requests refused at the gateway's admission (429 with Retry-After) per action, each sent again after it.</summary>
    public IReadOnlyDictionary<string, int> ApiRefusals { get; init; } = new Dictionary<string, int>();
    public required IReadOnlyList<ProcessFigures> Processes { get; init; }
    public required double DatabaseCpuPercent { get; init; }
    public required double BrokerCpuPercent { get; init; }
    public required ReconciliationReport Reconciliation { get; init; }
    public required Leftovers Leftovers { get; init; }
    public required IReadOnlyDictionary<string, double> SubstrateRates { get; init; }
    public double? ColdStartSeconds { get; init; }

    /// <summary>The time the processes' CPU was measured over (the offered load and its drain), and the transitions committed in it.</summary>
    public double RunSeconds { get; init; }
    public int TransitionsInRun { get; init; }

    /// <summary>The limit measured before the county started (distributed mode, unless `--limit off`).</summary>
    public LimitFigures? Limit { get; init; }

    public const string PostgresName = "PostgreSQL (this cluster's backends)";
    public const string BrokerName = "RabbitMQ (beam.smp)";

    /// <summary>CPU milliseconds per transition committed while the load ran, from a process's CPU % over that time.</summary>
    public double CpuMillisecondsPerTransition(double cpuPercent) => TransitionsInRun == 0 ? double.NaN : cpuPercent * 10 * RunSeconds / TransitionsInRun;
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>The limit's rows and the ratio to it (or why there is none).</summary>
    private void AppendLimit(StringBuilder s, Func<double, string, string> f)
    {
        if (Limit is not { } l)
        {
            var why = Shape.Mode == CountyMode.Distributed
                ? "not measured (`--limit off`)"
                : "not measured: the limit is the distributed one (PostgreSQL + RabbitMQ); run `--mode distributed` for the ratio";
            s.AppendLine(CultureInfo.InvariantCulture, $"| ratio to the limit, same run | {why} |");
            return;
        }

        var cpu = l.CpuMillisecondsPerTransition;
        s.AppendLine(CultureInfo.InvariantCulture, $"| the limit, same run ({l.Desks} desks, closed loop, {f(l.Seconds, "0")} s measured): completed cases/s, transitions/s | {f(l.CasesPerSecond, "0.0")}, {f(l.TransitionsPerSecond, "0")} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| the limit: HTTP step p99 ms, hand-off p99 ms | {f(l.StepP99Milliseconds, "0.0")}, {f(l.HandOffP99Milliseconds, "0.0")} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| the limit: CPU ms per transition: {string.Join(" / ", cpu.Keys)} / total | {string.Join(" / ", cpu.Values.Select(v => f(v, "0.00")))} / {f(cpu.Values.Sum(), "0.00")} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| the limit: archived cases checked (journal = the walk, monitor saw every event) / wrong / faults | {l.Checked} / {l.Wrong.Count} / {l.Faults} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| **ratio to the limit, same run** (engine's completed cases/s during the load ÷ the limit's); from the first intake to the last archive | **{f(CompletedPerSecond / l.CasesPerSecond, "0.000")}**; {f(CompletedPerSecondOverall / l.CasesPerSecond, "0.000")} |");
    }

    /// <summary>The warm-up asked for (<c>--warmup</c>): CPU, throughput and API latencies are measured after it.</summary>
    public double WarmUpSeconds { get; init; }

    public string ToMarkdown()
    {
        var s = new StringBuilder();
        string F(double v, string format = "0.0") => double.IsNaN(v) ? "–" : v.ToString(format, CultureInfo.InvariantCulture);
        s.AppendLine(CultureInfo.InvariantCulture, $"**{Shape.Mode}**, {(Shape.Mode == CountyMode.Embedded ? "one process" : $"{Shape.NodesPerRole} set(s) of node processes (roles: {string.Join(" / ", Shape.NodeRoles)}), {Shape.Gateways} gateway(s)")}; offered {TargetRate} cases/s for {Duration.TotalSeconds:0} s{(WarmUpSeconds > 0 ? $" (the first {WarmUpSeconds:0} s a warm-up no figure but peak memory and the whole run's hand-off p99 counts)" : "")}; {CasesOpened} cases opened.");
        s.AppendLine();
        s.AppendLine("| figure | value |");
        s.AppendLine("|---|---|");
        s.AppendLine(CultureInfo.InvariantCulture, $"| completed cases/s (whole route, archived), during the offered load after warm-up | {F(CompletedPerSecond)} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| completed cases/s from the first intake to the last archive | {F(CompletedPerSecondOverall)} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| transitions/s (history entries committed) | {F(TransitionsPerSecond)} |");
        foreach (var (route, rates) in ByRoute.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"| route {route}: transitions/s, completed cases/s during the load | {F(rates.Transitions)}, {F(rates.Completed)} |");
        }

        AppendLimit(s, F);
        var handOffs = HandOffs.Select(h => h.Milliseconds).ToList();
        s.AppendLine(CultureInfo.InvariantCulture, $"| hand-off latency p50 / p95 / p99 ms (sender's commit → receiver's commit), sent after the warm-up | {F(Percentiles.Of(handOffs, 50))} / {F(Percentiles.Of(handOffs, 95))} / {F(Percentiles.Of(handOffs, 99))} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| hand-off latency p99 ms, every hand-off of the run (the warm-up's included) | {F(HandOffP99WithWarmUp)} |");
        foreach (var (name, rate) in SubstrateRates)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"| substrate, same run: {name} | {F(rate, "0")} |");
        }

        if (ColdStartSeconds is { } cold) s.AppendLine(CultureInfo.InvariantCulture, $"| cold start to ready, fresh database (s) | {F(cold, "0.00")} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| reconciliation: complete / unfinished at the end of the drain / lost / doubled / unrecorded | {Reconciliation.Complete} / {Reconciliation.Unfinished.Count} / {Reconciliation.Lost.Count} / {Reconciliation.Doubled.Count} / {Reconciliation.Unrecorded.Count} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| left over: unsent outbox rows / queued messages / error-queue messages / open dead letters | {Leftovers.UnsentOutboxRows} / {Leftovers.QueuedMessages.Values.Sum()} / {Leftovers.ErrorQueueMessages.Values.Sum()} / {Leftovers.OpenDeadLetters} |");
        s.AppendLine();
        s.AppendLine("| API action | requests answered | refused at admission (429) | p50 ms | p99 ms | p99 ms from the first attempt (refusals' waits included) |");
        s.AppendLine("|---|---|---|---|---|---|");
        foreach (var (action, times) in ApiMilliseconds.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"| {action} | {times.Count} | {ApiRefusals.GetValueOrDefault(action)} | {F(Percentiles.Of(times, 50))} | {F(Percentiles.Of(times, 99))} | {F(Percentiles.Of(ApiMillisecondsFromFirstAttempt.GetValueOrDefault(action) ?? Array.Empty<double>(), 99))} |");
        }

        var answered = ApiMilliseconds.Where(a => a.Key != "login").SelectMany(a => a.Value).ToList();
        var waited = ApiMillisecondsFromFirstAttempt.Where(a => a.Key != "login").SelectMany(a => a.Value).ToList();
        s.AppendLine(CultureInfo.InvariantCulture, $"| **all but login** | {answered.Count} | {ApiRefusals.Where(r => r.Key != "login").Sum(r => r.Value)} | {F(Percentiles.Of(answered, 50))} | {F(Percentiles.Of(answered, 99))} | {F(Percentiles.Of(waited, 99))} |");

        s.AppendLine();
        s.AppendLine("| hand-offs sent after the warm-up, by route and the entry before the Receive | count | p50 ms | p95 ms | p99 ms |");
        s.AppendLine("|---|---|---|---|---|");
        foreach (var sender in HandOffs.GroupBy(h => h.Sender).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var times = sender.Select(h => h.Milliseconds).ToList();
            s.AppendLine(CultureInfo.InvariantCulture, $"| {sender.Key} | {times.Count} | {F(Percentiles.Of(times, 50))} | {F(Percentiles.Of(times, 95))} | {F(Percentiles.Of(times, 99))} |");
        }

        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"| process | peak RSS MB | CPU % of one core | CPU ms per committed transition ({TransitionsInRun} in {F(RunSeconds, "0")} s) | starts |");
        s.AppendLine("|---|---|---|---|---|");
        foreach (var p in Processes) s.AppendLine(CultureInfo.InvariantCulture, $"| {p.Name} | {F(p.PeakRssMb, "0")} | {F(p.CpuPercent, "0")} | {F(CpuMillisecondsPerTransition(p.CpuPercent), "0.00")} | {p.Starts} |");
        var distributed = Shape.Mode == CountyMode.Distributed;
        const string restarted = ", restarted during the run: not measured";
        s.AppendLine(CultureInfo.InvariantCulture, $"| {PostgresName}{(distributed ? "" : ", not the engine's in embedded mode")}{(double.IsNaN(DatabaseCpuPercent) ? restarted : "")} | | {F(DatabaseCpuPercent, "0")} | {F(CpuMillisecondsPerTransition(DatabaseCpuPercent), "0.00")} | |");
        if (distributed) s.AppendLine(CultureInfo.InvariantCulture, $"| {BrokerName}{(double.IsNaN(BrokerCpuPercent) ? restarted : "")} | | {F(BrokerCpuPercent, "0")} | {F(CpuMillisecondsPerTransition(BrokerCpuPercent), "0.00")} | |");
        var system = Processes.Where(p => p.Name != "load generator").Sum(p => p.CpuPercent) + (distributed ? DatabaseCpuPercent + BrokerCpuPercent : 0);
        s.AppendLine(CultureInfo.InvariantCulture, $"| **total, {(distributed ? "county + PostgreSQL + RabbitMQ" : "the one process")} (without the load generator)** | | {F(system, "0")} | **{F(CpuMillisecondsPerTransition(system), "0.00")}** | |");
        return s.ToString();
    }
}
