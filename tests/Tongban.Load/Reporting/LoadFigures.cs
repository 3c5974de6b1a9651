using System.Globalization;
using System.Text;
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
    public required IReadOnlyList<double> HandOffMilliseconds { get; init; }
    public required IReadOnlyDictionary<string, IReadOnlyList<double>> ApiMilliseconds { get; init; }
    public required IReadOnlyList<ProcessFigures> Processes { get; init; }
    public required double DatabaseCpuPercent { get; init; }
    public required double BrokerCpuPercent { get; init; }
    public required ReconciliationReport Reconciliation { get; init; }
    public required Leftovers Leftovers { get; init; }
    public required IReadOnlyDictionary<string, double> SubstrateRates { get; init; }
    public double? ColdStartSeconds { get; init; }
    public IReadOnlyList<string> Problems { get; init; } = [];

    public string ToMarkdown()
    {
        var s = new StringBuilder();
        string F(double v, string format = "0.0") => double.IsNaN(v) ? "–" : v.ToString(format, CultureInfo.InvariantCulture);
        s.AppendLine(CultureInfo.InvariantCulture, $"**{Shape.Mode}**, {Shape.NodesPerRole} node(s) per role, {Shape.Gateways} gateway(s); offered {TargetRate} cases/s for {Duration.TotalSeconds:0} s; {CasesOpened} cases opened.");
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

        s.AppendLine(CultureInfo.InvariantCulture, $"| hand-off latency p50 / p95 / p99 ms (sender's commit → receiver's commit) | {F(Percentiles.Of(HandOffMilliseconds, 50))} / {F(Percentiles.Of(HandOffMilliseconds, 95))} / {F(Percentiles.Of(HandOffMilliseconds, 99))} |");
        foreach (var (name, rate) in SubstrateRates)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"| substrate, same run: {name} | {F(rate, "0")} |");
        }

        if (ColdStartSeconds is { } cold) s.AppendLine(CultureInfo.InvariantCulture, $"| cold start to ready, fresh database (s) | {F(cold, "0.00")} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| reconciliation: complete / unfinished at the end of the drain / lost / doubled / unrecorded | {Reconciliation.Complete} / {Reconciliation.Unfinished.Count} / {Reconciliation.Lost.Count} / {Reconciliation.Doubled.Count} / {Reconciliation.Unrecorded.Count} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| left over: unsent outbox rows / queued messages / error-queue messages / open dead letters | {Leftovers.UnsentOutboxRows} / {Leftovers.QueuedMessages.Values.Sum()} / {Leftovers.ErrorQueueMessages.Values.Sum()} / {Leftovers.OpenDeadLetters} |");
        s.AppendLine();
        s.AppendLine("| API action | requests | p50 ms | p99 ms |");
        s.AppendLine("|---|---|---|---|");
        foreach (var (action, times) in ApiMilliseconds.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"| {action} | {times.Count} | {F(Percentiles.Of(times, 50))} | {F(Percentiles.Of(times, 99))} |");
        }

        s.AppendLine();
        s.AppendLine("| process | peak RSS MB | CPU % of one core | starts |");
        s.AppendLine("|---|---|---|---|");
        foreach (var p in Processes) s.AppendLine(CultureInfo.InvariantCulture, $"| {p.Name} | {F(p.PeakRssMb, "0")} | {F(p.CpuPercent, "0")} | {p.Starts} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| PostgreSQL (all backends) | | {F(DatabaseCpuPercent, "0")} | |");
        if (Shape.Mode == CountyMode.Distributed) s.AppendLine(CultureInfo.InvariantCulture, $"| RabbitMQ (beam.smp) | | {F(BrokerCpuPercent, "0")} | |");
        return s.ToString();
    }
}
