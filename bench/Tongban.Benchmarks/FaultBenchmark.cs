using Tongban.Load.Driving;
using Tongban.Load.Faults;

namespace Tongban.Benchmarks;

/// <summary>
/// `faults`: the fault suite against a distributed county under load; prints each fault's outcome and the final
/// reconciliation as Markdown. Exit code 1 if anything was lost, doubled or left in a queue.
/// <code>faults [--rate 5] [--kills 5] [--correction 0.2] [--broker-restarts N] [--watchdog off] [--warmup 5]</code>
/// <c>--broker-restarts N</c> runs only N RabbitMQ restarts, one after the other; with <c>--watchdog off</c> the processes'
/// bus watchdog is off, so a process that does not reconnect stays without consumers (its cases never finish).
/// </summary>
public static class FaultBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = new Arguments(args);
        var load = new LoadOptions { Rate = options.Double("--rate", 5), CorrectionShare = options.Double("--correction", 0.2) };
        var restarts = options.Int("--broker-restarts", 0);
        var plan = restarts > 0 ? Enumerable.Range(0, restarts).Select(_ => Fault.RestartBroker()).ToList() : FaultSuite.FullPlan(options.Int("--kills", 5));
        var settings = new Dictionary<string, string>();
        if (options.String("--watchdog") == "off") settings["Bus__UnhealthyExitAfter"] = "00:00:00";
        var warmup = TimeSpan.FromSeconds(options.Double("--warmup", 5));
        options.ThrowIfUnknown();

        var report = await FaultSuite.RunAsync(plan, load, line => Console.Error.WriteLine($"[faults] {line}"), settings: settings, warmup: warmup);
        Console.WriteLine(report.ToMarkdown());
        foreach (var finding in report.Outcomes.SelectMany(o => o.Findings).Take(20)) Console.Error.WriteLine($"[faults] finding: {finding}");
        return report.Clean ? 0 : 1;
    }
}
