using System.Diagnostics;
using System.Globalization;
using System.Text;
using Tongban.Load.Checking;
using Tongban.Load.Driving;
using Tongban.Load.Reporting;
using Tongban.Testing;

namespace Tongban.Load.Faults;

/// <summary>What one fault did to the cases in flight when it struck.</summary>
public sealed record FaultOutcome(string Fault, int InFlight, int Lost, int Doubled, double DownSeconds, double RecoverySeconds, IReadOnlyList<string> Findings);

public sealed record FaultReport(IReadOnlyList<FaultOutcome> Outcomes, LoadFigures Final)
{
    /// <summary>Nothing lost, nothing doubled, nothing left behind in a queue, an outbox or an error queue.</summary>
    public bool Clean => Final.Reconciliation.Clean && Outcomes.All(o => o.Lost == 0 && o.Doubled == 0)
        && Final.Leftovers.UnsentOutboxRows == 0 && Final.Leftovers.OpenDeadLetters == 0 && Final.Leftovers.QueuedMessages.Count == 0 && Final.Leftovers.ErrorQueueMessages.Count == 0;

    public string ToMarkdown()
    {
        var s = new StringBuilder();
        s.AppendLine("| fault | cases in flight | lost | doubled | part away s | recovery s |");
        s.AppendLine("|---|---|---|---|---|---|");
        foreach (var o in Outcomes) s.AppendLine(CultureInfo.InvariantCulture, $"| {o.Fault} | {o.InFlight} | {o.Lost} | {o.Doubled} | {o.DownSeconds:0.0} | {o.RecoverySeconds:0.0} |");
        s.AppendLine();
        s.AppendLine("Whole run, reconciled at the end:");
        s.AppendLine();
        s.Append(Final.ToMarkdown());
        return s.ToString();
    }
}

/// <summary>
/// Runs load against a distributed county and breaks one part at a time. After each fault it waits until every
/// case that was in flight when it struck is archived (the recovery time) and reconciles those cases against
/// the generator's record; at the end it reconciles every case and looks for anything left in a queue.
/// </summary>
public static class FaultSuite
{
    public static IReadOnlyList<Fault> FullPlan(int killsPerKind = 5)
    {
        var plan = new List<Fault> { Fault.RestartBroker(), Fault.DuplicateDelivery() };
        for (var round = 1; round <= killsPerKind; round++)
        {
            plan.AddRange(new[] { "gateway", "intake", "specialist", "township", "bureau" }.Select(kind => Fault.Kill(kind, round)));
        }

        plan.Add(Fault.RestartDatabase());
        plan.Add(Fault.SharedTownshipQueue());
        return plan;
    }

    /// <param name="settings">Extra settings for every process (environment variable names), e.g. the bus watchdog off.</param>
    /// <param name="warmup">Load before the first fault (cases must be in flight when it strikes); 5 s by default.</param>
    /// <param name="minimumLoad">Intake goes on at least this long from the start, however quickly the faults recover,
    /// so that a run's size does not depend on the machine's speed.</param>
    public static async Task<FaultReport> RunAsync(IReadOnlyList<Fault> plan, LoadOptions load, Action<string>? log = null, bool measureSubstrate = true, CancellationToken ct = default, IReadOnlyDictionary<string, string>? settings = null, TimeSpan? warmup = null, TimeSpan? minimumLoad = null)
    {
        log ??= _ => { };
        var outcomes = new List<FaultOutcome>();
        var shape = new CountyShape(CountyMode.Distributed) { Settings = settings ?? new Dictionary<string, string>() };
        var figures = await LoadRun.RunAsync(shape, load with { Duration = TimeSpan.FromHours(2) }, async (county, driver, token) =>
        {
            var loading = Stopwatch.StartNew();
            // Let the load reach a steady state before the first fault.
            await Task.Delay(warmup ?? TimeSpan.FromSeconds(5), token);
            foreach (var fault in plan)
            {
                outcomes.Add(await InjectAsync(fault, county, driver, load, log, token));
            }

            var rest = (minimumLoad ?? TimeSpan.Zero) - loading.Elapsed;
            if (rest > TimeSpan.Zero) await Task.Delay(rest, token);
            driver.StopIntake();
        }, log, measureSubstrate, ct);
        return new FaultReport(outcomes, figures);
    }

    private static async Task<FaultOutcome> InjectAsync(Fault fault, County county, LoadDriver driver, LoadOptions load, Action<string> log, CancellationToken ct)
    {
        var inFlight = driver.InFlight;
        var clock = Stopwatch.StartNew();
        log($"{fault.Name}: {inFlight.Count} cases in flight");
        var down = await fault.InjectAsync(county, driver, ct);
        var nextReport = TimeSpan.FromSeconds(30);
        while (inFlight.Any(r => r.ArchivedAt is null) && clock.Elapsed < load.DrainTimeout)
        {
            await Task.Delay(100, ct);
            if (clock.Elapsed < nextReport) continue;
            // A slow recovery says what it waits for, so a stalled run can be read from its log.
            nextReport += TimeSpan.FromSeconds(30);
            var waiting = inFlight.Where(r => r.ArchivedAt is null).ToList();
            log($"{fault.Name}: after {clock.Elapsed.TotalSeconds:0} s still waiting for {waiting.Count} case(s), e.g. {string.Join(", ", waiting.Take(3).Select(r => $"{r.Id} ({r.ItemCode}, last confirmed {r.Confirmed.LastOrDefault() ?? "none"})"))}");
        }

        var recovery = clock.Elapsed;

        var check = await Reconciliation.RunAsync(driver.Api, inFlight, [.. county.Gateways.Select(g => g.Address)], ct);
        // A case still unfinished when the drain times out counts as lost here: after a fault, every case must complete.
        var lost = check.Lost.Count + check.Unfinished.Count + check.Unrecorded.Count;
        log($"{fault.Name}: away {down.TotalSeconds:0.0} s, in-flight cases archived after {recovery.TotalSeconds:0.0} s; lost {lost}, doubled {check.Doubled.Count}");
        return new FaultOutcome(fault.Name, inFlight.Count, lost, check.Doubled.Count, down.TotalSeconds, recovery.TotalSeconds, [.. check.Lost, .. check.Unfinished, .. check.Doubled, .. check.Unrecorded]);
    }
}
