using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Tongban.Load.Driving;

namespace Tongban.Load.Checking;

/// <summary>
/// One hand-off as a case's history shows it: when the entry before the Receive was committed, which entry that was
/// (by route; on a straight route, the step that sent the case), and how long until the Receive.
/// </summary>
public sealed record RouteHandOff(DateTimeOffset SentAt, string Sender, double Milliseconds);

/// <summary>What the reconciliation found, case by case, from the generator's own records.</summary>
public sealed record ReconciliationReport(
    int Cases,
    int Complete,
    IReadOnlyList<string> Lost,
    IReadOnlyList<string> Unfinished,
    IReadOnlyList<string> Doubled,
    IReadOnlyList<string> Unrecorded,
    IReadOnlyList<RouteHandOff> HandOffs,
    IReadOnlyList<DateTimeOffset> TransitionTimes)
{
    /// <summary>The commit times of the history entries, by the route the case ran (<see cref="Route.NameOf"/>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<DateTimeOffset>> TransitionTimesByRoute { get; init; } = new Dictionary<string, IReadOnlyList<DateTimeOffset>>();

    /// <summary>Every case archived, each step once, every confirmed step stored.</summary>
    public bool Clean => Lost.Count == 0 && Unfinished.Count == 0 && Doubled.Count == 0 && Unrecorded.Count == 0;
}

/// <summary>
/// Reads every case the generator opened back from the API and compares it with what the generator did: the
/// case must be archived, its history must be exactly one walk of the route (each step once, each hand-off
/// received once), and every step the API confirmed must be in it. Hand-off latencies come from the same
/// histories: the sender's step to the receiver's Receive, both stamped at their commits.
/// </summary>
public static class Reconciliation
{
    public static async Task<ReconciliationReport> RunAsync(StaffApi api, IReadOnlyCollection<CaseRecord> records, IReadOnlyList<Uri> gateways, CancellationToken ct)
    {
        var lost = new ConcurrentQueue<string>();
        var unfinished = new ConcurrentQueue<string>();
        var doubled = new ConcurrentQueue<string>();
        var unrecorded = new ConcurrentQueue<string>();
        var handOffs = new ConcurrentQueue<RouteHandOff>();
        var transitions = new ConcurrentQueue<DateTimeOffset>();
        var byRoute = new ConcurrentDictionary<string, ConcurrentQueue<DateTimeOffset>>();
        var complete = 0;

        var readers = new Dictionary<string, StaffSession>();
        foreach (var (community, i) in LoadDriver.Communities.Select((c, i) => (c, i)))
        {
            readers[community] = new StaffSession($"{community}.clerk", gateways[i % gateways.Count]);
            await api.LoginAsync(readers[community], ct);
        }

        await Parallel.ForEachAsync(records, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (record, token) =>
        {
            var answer = await api.CallAsync(readers[record.Community], HttpMethod.Get, $"/api/cases/{record.Id}", null, "reconcile", token);
            if (answer.Status == HttpStatusCode.NotFound)
            {
                // Never opened (the intake was refused and said so) is fine; confirmed and gone is lost.
                if (record.Opened) lost.Enqueue($"{record.Id}: confirmed at intake, not in the system");
                return;
            }

            if (!answer.Ok)
            {
                lost.Enqueue($"{record.Id}: cannot be read ({(int)answer.Status})");
                return;
            }

            var history = answer.Body!["history"]!.AsArray().Select(h => h!.AsObject()).ToList();
            var steps = history.Select(h => h["action"]!.GetValue<string>()).ToList();
            var routeTimes = byRoute.GetOrAdd(Route.NameOf(record.ItemCode), _ => new ConcurrentQueue<DateTimeOffset>());
            foreach (var h in history)
            {
                transitions.Enqueue(h["at"]!.GetValue<DateTimeOffset>());
                routeTimes.Enqueue(h["at"]!.GetValue<DateTimeOffset>());
            }

            for (var i = 1; i < history.Count; i++)
            {
                if (steps[i] != "Receive") continue;
                var sentAt = history[i - 1]["at"]!.GetValue<DateTimeOffset>();
                handOffs.Enqueue(new RouteHandOff(sentAt, $"{Route.NameOf(record.ItemCode)}: {steps[i - 1]}", (history[i]["at"]!.GetValue<DateTimeOffset>() - sentAt).TotalMilliseconds));
            }

            var corrected = steps.Contains("ReturnForCorrection");
            var parallel = LoadDriver.IsParallel(record.ItemCode);
            var expected = parallel ? Route.Parallel(corrected) : Route.Expected(corrected);
            var state = answer.Body["state"]!.GetValue<string>();
            var extra = steps.GroupBy(s => s).Where(g => g.Count() > expected.Count(e => e == g.Key)).Select(g => $"{g.Key}×{g.Count()}").ToList();
            if (extra.Count > 0) doubled.Enqueue($"{record.Id}: {string.Join(", ", extra)} in [{string.Join(" ", steps)}]");
            else if ((parallel ? steps.Order(StringComparer.Ordinal).SequenceEqual(expected.Order(StringComparer.Ordinal)) : steps.SequenceEqual(expected)) && state == "Archived") Interlocked.Increment(ref complete);
            // Still on its way (the load outran the system and the drain timed out) is not lost: it is a correct beginning of a walk
            // (for a parallel route, whose branches interleave: no step more often than the walk has it).
            else if (parallel ? Route.WithinMultiset(steps, expected) : Route.Straight.Take(steps.Count).SequenceEqual(steps) || Route.WithCorrection.Take(steps.Count).SequenceEqual(steps)) unfinished.Enqueue($"{record.Id}: {state}");
            else lost.Enqueue($"{record.Id}: {state}, history [{string.Join(" ", steps)}]");

            foreach (var step in record.Confirmed.GroupBy(s => s))
            {
                if (steps.Count(s => s == step.Key) < step.Count()) unrecorded.Enqueue($"{record.Id}: {step.Key} confirmed {step.Count()}× by the API, in the history {steps.Count(s => s == step.Key)}×");
            }
        });

        return new ReconciliationReport(records.Count, complete, [.. lost], [.. unfinished], [.. doubled], [.. unrecorded], [.. handOffs], [.. transitions])
        {
            TransitionTimesByRoute = byRoute.ToDictionary(r => r.Key, r => (IReadOnlyList<DateTimeOffset>)[.. r.Value]),
        };
    }
}
