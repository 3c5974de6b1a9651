using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace Tongban.Load.Driving;

/// <summary>
/// Plays the demo county's staff against the HTTP API: window clerks take cases in at the target rate; the
/// specialists, township back offices and clerks each watch their work queue, as they do at their desks, and
/// take every case there one step further until it is archived.
/// </summary>
public sealed class LoadDriver
{
    public static readonly string[] Communities = ["dongmen", "xijie", "nanhu", "beiyuan"];
    public static readonly string[] Townships = ["hexi", "shiqiao", "liulin", "baisha", "longtan"];

    /// <summary>The county departments that give opinions in parallel branches (并联办理).</summary>
    public static readonly string[] Departments = ["cjl", "mzj"];

    /// <summary>Items on the disability-care route: the township leads, 县残联 gives its opinion (no 公示 timer, so a run can finish them).</summary>
    public static readonly string[] ParallelItems = ["QS-CL-002", "QS-CL-003", "QS-CL-004"];

    public static bool IsParallel(string itemCode) => ParallelItems.Contains(itemCode);

    private readonly LoadOptions _options;
    private readonly IReadOnlyList<Uri> _gateways;
    private readonly ConcurrentDictionary<Guid, CaseRecord> _records = new();
    private readonly ConcurrentQueue<string> _problems = new();
    private readonly Dictionary<string, List<string>> _materials = [];
    private readonly Stopwatch _clock = new();
    private volatile bool _intakeStopped;

    public LoadDriver(LoadOptions options, IReadOnlyList<Uri> gateways)
    {
        _options = options;
        _gateways = gateways;
        Api = new StaffApi(options.RetryFor);
    }

    public StaffApi Api { get; }

    public IReadOnlyCollection<CaseRecord> Records => [.. _records.Values];

    /// <summary>Answers that were neither success nor an expected lost race (409), for the report.</summary>
    public IReadOnlyCollection<string> Problems => _problems;

    public DateTimeOffset StartedAt { get; private set; }

    /// <summary>Seconds since the run started.</summary>
    public double Now => _clock.Elapsed.TotalSeconds;

    /// <summary>How long intake ran, in seconds (the configured duration unless stopped early).</summary>
    public double IntakeSeconds { get; private set; }

    /// <summary>Ends intake before the configured duration (the fault suite's plan decides how long it runs).</summary>
    public void StopIntake() => _intakeStopped = true;

    /// <summary>Cases opened and not yet archived.</summary>
    public IReadOnlyList<CaseRecord> InFlight => [.. _records.Values.Where(r => r.Opened && r.ArchivedAt is null)];

    /// <summary>Runs intake for the configured duration, then waits until every case is archived (or the drain times out).</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var sessions = await SignInAsync(ct);
        foreach (var code in _options.Items)
        {
            var item = await Api.CallAsync(sessions["dongmen.clerk"], HttpMethod.Get, $"/api/catalog/{code}", null, "catalog", ct);
            _materials[code] = [.. item.Body!["spec"]!["materials"]!.AsArray().Select(m => m!["code"]!.GetValue<string>())];
        }

        StartedAt = DateTimeOffset.UtcNow;
        _clock.Start();
        using var stopWorkers = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var workers = new List<Task>();
        foreach (var c in Communities)
        {
            workers.Add(WatchQueueAsync(sessions[$"{c}.specialist"], SpecialistStep, stopWorkers.Token));
            workers.Add(WatchQueueAsync(sessions[$"{c}.clerk"], ClerkStep, stopWorkers.Token));
        }

        foreach (var t in Townships) workers.Add(WatchQueueAsync(sessions[$"{t}.backoffice"], TownshipStep, stopWorkers.Token));
        // Department desks only when the mix has parallel items: otherwise the desks are exactly the proven ones.
        if (_options.Items.Any(IsParallel)) foreach (var d in Departments) workers.Add(WatchTasksAsync(sessions[$"{d}.officer"], stopWorkers.Token));

        await TakeInAsync(sessions, ct);
        await DrainAsync(ct);
        await stopWorkers.CancelAsync();
        await Task.WhenAll(workers.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default)));
    }

    private async Task<Dictionary<string, StaffSession>> SignInAsync(CancellationToken ct)
    {
        var names = Communities.SelectMany(c => new[] { $"{c}.clerk", $"{c}.specialist" }).Concat(Townships.Select(t => $"{t}.backoffice")).Concat(_options.Items.Any(IsParallel) ? Departments.Select(d => $"{d}.officer") : []);
        var sessions = names.Select((name, i) => new StaffSession(name, _gateways[i % _gateways.Count])).ToDictionary(s => s.Username);
        await Task.WhenAll(sessions.Values.Select(s => Api.LoginAsync(s, ct)));
        return sessions;
    }

    /// <summary>Opens cases at the target rate (open loop: a slow system does not slow the arrivals).</summary>
    private async Task TakeInAsync(Dictionary<string, StaffSession> sessions, CancellationToken ct)
    {
        var random = new Random(_options.Seed);
        var intakes = new List<Task>();
        var n = 0;
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        while (!_intakeStopped && _clock.Elapsed < _options.Duration && await tick.WaitForNextTickAsync(ct))
        {
            var due = (int)(_clock.Elapsed.TotalSeconds * _options.Rate);
            for (; n < due; n++)
            {
                var community = Communities[n % Communities.Length];
                var record = new CaseRecord(Guid.CreateVersion7(), _options.Items[random.Next(_options.Items.Count)], community, Townships[random.Next(Townships.Length)], random.NextDouble() < _options.CorrectionShare);
                _records[record.Id] = record;
                intakes.Add(OpenAsync(sessions[$"{community}.clerk"], record, n, ct));
            }
        }

        IntakeSeconds = Now;
        await Task.WhenAll(intakes);
    }

    private async Task OpenAsync(StaffSession clerk, CaseRecord record, int n, CancellationToken ct)
    {
        record.OpenedAt = Now;
        var body = new
        {
            itemCode = record.ItemCode,
            mode = "ProxyIntake",
            applicant = new { name = Applicants.Name(n), idNumber = Applicants.IdNumber(n), phone = Applicants.Phone(n) },
            registrationTownshipId = record.Township,
            materials = _materials[record.ItemCode],
        };
        // The key makes a resend after a lost answer find the same case instead of opening a second one.
        var answer = await Api.CallAsync(clerk, HttpMethod.Post, "/api/cases", body, "intake", ct, new Dictionary<string, string> { ["Idempotency-Key"] = record.Id.ToString() });
        if (answer.Ok || (answer.Retried && answer.Status == HttpStatusCode.Conflict))
        {
            record.Opened = true;
            if (answer.Ok) record.Confirm("Intake");
        }
        else
        {
            _problems.Enqueue($"intake {record.Id}: {(int)answer.Status} {answer.Body?.ToJsonString()}");
            }
    }

    private async Task DrainAsync(CancellationToken ct)
    {
        var deadline = _clock.Elapsed + _options.DrainTimeout;
        while (_clock.Elapsed < deadline && _records.Values.Any(r => r.Opened && r.ArchivedAt is null))
        {
            await Task.Delay(200, ct);
        }
    }

    /// <summary>One step a post takes on a case in the given state, or null when the case is not theirs to move.</summary>
    private delegate (string Action, string Path, object Body)? Step(CaseRecord? record, string state, Guid id);

    private static (string, string, object)? SpecialistStep(CaseRecord? record, string state, Guid id) =>
        state == "AtSpecialist" ? ("Forward", $"/api/cases/{id}/forward", new { }) : null;

    private (string, string, object)? TownshipStep(CaseRecord? record, string state, Guid id) => state switch
    {
        "AwaitingSignFor" => ("SignFor", $"/api/cases/{id}/sign-for", new { }),
        "SignedFor" when record is { WantsCorrection: true, CorrectionRequested: false } => ("ReturnForCorrection", $"/api/cases/{id}/return-for-correction",
            new { missing = new[] { new { code = _materials[record.ItemCode][^1], problem = "复印件不清晰，请重新提供" } } }),
        "SignedFor" => ("Accept", $"/api/cases/{id}/accept", new { }),
        // The lead branch of a parallel route (并联办理): the case waits at its join afterwards, for the department.
        "Accepted" or "TownshipReview" => ("Handle", $"/api/cases/{id}/handle", new { }),
        "Handling" => ("Decide", $"/api/cases/{id}/decide", new { approved = true, text = "准予办理" }),
        _ => null,
    };

    private (string, string, object)? ClerkStep(CaseRecord? record, string state, Guid id) => state switch
    {
        "AwaitingCorrection" when record is not null => ("Resubmit", $"/api/cases/{id}/resubmit", new { materials = new[] { _materials[record.ItemCode][^1] } }),
        "AwaitingDelivery" => ("Deliver", $"/api/cases/{id}/deliver", new { method = "Window" }),
        "Delivered" => ("Evaluate", $"/api/cases/{id}/evaluate", new { level = 1 }),
        "Evaluated" => ("Archive", $"/api/cases/{id}/archive", new { }),
        _ => null,
    };

    /// <summary>A department's desk: refresh the work queue and give an opinion on every branch task there, once.</summary>
    private async Task WatchTasksAsync(StaffSession session, CancellationToken ct)
    {
        var busy = new ConcurrentDictionary<Guid, int>();
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var queue = await Api.CallAsync(session, HttpMethod.Get, "/api/work-queue?limit=500", null, "work-queue", ct);
                foreach (var row in queue.Ok ? queue.Body!.AsArray() : [])
                {
                    if (row!["taskId"]?.GetValue<Guid>() is not { } taskId || !busy.TryAdd(taskId, 0)) continue;
                    var id = row["id"]!.GetValue<Guid>();
                    _ = Task.Run(() => GiveOpinionAsync(session, id, taskId, busy, ct), ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }

            await Task.Delay(_options.PollInterval, ct).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task GiveOpinionAsync(StaffSession session, Guid id, Guid taskId, ConcurrentDictionary<Guid, int> busy, CancellationToken ct)
    {
        _records.TryGetValue(id, out var record);
        try
        {
            // A lost race with the township's step on the same case is 409: the desk sees the task again and retries.
            var answer = await Api.CallAsync(session, HttpMethod.Post, $"/api/cases/{id}/tasks/{taskId}/giveOpinion", new { agrees = true, text = "经核定，符合条件。" }, "GiveOpinion", ct);
            if (answer.Ok) record?.Confirm("GiveOpinion");
            else if (answer.Status != HttpStatusCode.Conflict) _problems.Enqueue($"{session.Username} GiveOpinion {id}: {(int)answer.Status} {answer.Body?["detail"]}");
            // Done: the task leaves the queue; keep it busy so a stale row is not retried.
            if (answer.Ok) return;
            if (answer.Retried)
            {
                // Refused after a resend: either the first attempt went through and its answer was lost (the task is
                // done), or it never arrived and the resend lost a race (still open: try again at the next poll).
                var current = await Api.CallAsync(session, HttpMethod.Get, $"/api/cases/{id}", null, "case", ct);
                var task = current.Ok ? current.Body!["tasks"]!.AsArray().FirstOrDefault(t => t!["id"]!.GetValue<Guid>() == taskId) : null;
                if (task is not null && task["status"]!.GetValue<string>() != "Open") return;
            }

            busy.TryRemove(taskId, out _);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>A desk: refresh the work queue, take every case there as far as this post can, refresh again.</summary>
    private async Task WatchQueueAsync(StaffSession session, Step step, CancellationToken ct)
    {
        var busy = new ConcurrentDictionary<Guid, int>();
        var seenVersion = new ConcurrentDictionary<Guid, int>();
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var queue = await Api.CallAsync(session, HttpMethod.Get, "/api/work-queue?limit=500", null, "work-queue", ct);
                foreach (var row in queue.Ok ? queue.Body!.AsArray() : [])
                {
                    var id = row!["id"]!.GetValue<Guid>();
                    var version = row["version"]!.GetValue<int>();
                    // A row read before this desk's own last step on the case is stale: skip it.
                    if (seenVersion.TryGetValue(id, out var seen) && version < seen) continue;
                    if (!busy.TryAdd(id, 0)) continue;
                    // This desk's own move may have finished between the check above and the claim (it records the
                    // version before it lets go): look again, or the stale row's step is tried a second time.
                    if (seenVersion.TryGetValue(id, out seen) && version < seen)
                    {
                        busy.TryRemove(id, out _);
                        continue;
                    }

                    _ = Task.Run(() => MoveAsync(session, step, id, row["state"]!.GetValue<string>(), busy, seenVersion, ct), ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }

            await Task.Delay(_options.PollInterval, ct).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task MoveAsync(StaffSession session, Step step, Guid id, string state, ConcurrentDictionary<Guid, int> busy, ConcurrentDictionary<Guid, int> seenVersion, CancellationToken ct)
    {
        _records.TryGetValue(id, out var record);
        try
        {
            while (step(record, state, id) is var (action, path, body))
            {
                if (action == "ReturnForCorrection") record!.CorrectionRequested = true;
                var answer = await Api.CallAsync(session, HttpMethod.Post, path, body, action, ct);
                if (!answer.Ok)
                {
                    if (answer.Status == HttpStatusCode.Conflict && answer.Retried)
                    {
                        // 409 after a resend: the first attempt went through and its answer was lost. Carry on from
                        // where the case is now; an archived case leaves every queue, so no later poll would show it.
                        var current = await Api.CallAsync(session, HttpMethod.Get, $"/api/cases/{id}", null, "case", ct);
                        if (current.Ok)
                        {
                            state = current.Body!["state"]!.GetValue<string>();
                            if (state == "Archived" && record is not null) record.ArchivedAt = Now;
                            continue;
                        }
                    }

                    // On a parallel route a department's step bumps the same case's version: a lost race, tried again at the next poll.
                    if (answer.Status == HttpStatusCode.Conflict && record is not null && IsParallel(record.ItemCode)) return;
                    _problems.Enqueue($"{session.Username} {action} {id}: {(int)answer.Status} {answer.Body?["detail"]}");
                    return;
                }

                record?.Confirm(action);
                state = answer.Body!["state"]!.GetValue<string>();
                seenVersion[id] = answer.Body["version"]!.GetValue<int>();
                if (action == "Archive" && record is not null) record.ArchivedAt = Now;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            busy.TryRemove(id, out _);
        }
    }
}
