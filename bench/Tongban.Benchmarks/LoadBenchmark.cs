using System.Globalization;
using Tongban.Load;
using Tongban.Load.Driving;
using Tongban.Testing;

namespace Tongban.Benchmarks;

/// <summary>
/// `load`: plays the county at a target case rate through the HTTP API and prints the figures as Markdown.
/// <code>load [--mode embedded|distributed] [--rate 50] [--duration 60] [--warmup 0] [--nodes 1] [--gateways 1] [--node-roles all] [--correction 0.2] [--items QS-MZ-001,…] [--limit on|off]</code>
/// In distributed mode the limit (bench/Tongban.Limit: the same walk with the same guarantees and nothing more) runs
/// for 25 s before the county starts, and the report gives the engine's cases/s as a ratio to it; `--limit off` skips it.
/// `--node-roles` gives the node processes, separated by '/', each with its roles: by default one process for every
/// role; `intake/specialist/township/bureau,department` is the fault suite's and the tests' county, a process per role.
/// </summary>
public static class LoadBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = new Arguments(args);
        var shape = new CountyShape(options.Mode("--mode", CountyMode.Embedded), options.Int("--nodes", 1), options.Int("--gateways", 1));
        // Everything runs on one machine here, as a one-box county would deploy it: one node process for every role
        // (docs/benchmarks.md, "One node process or one per role"); `--node-roles` splits them.
        var roles = options.String("--node-roles") ?? "all";
        shape = shape with { NodeRoles = roles.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) };
        var load = new LoadOptions
        {
            Rate = options.Double("--rate", 50),
            Duration = TimeSpan.FromSeconds(options.Double("--duration", 60)),
            WarmUp = TimeSpan.FromSeconds(options.Double("--warmup", 0)),
            CorrectionShare = options.Double("--correction", 0.2),
        };
        var limit = options.String("--limit") switch
        {
            null or "on" => true,
            "off" => false,
            var v => throw new ArgumentException($"--limit: '{v}' is neither on nor off"),
        };
        if (options.String("--items") is { } items) load = load with { Items = items.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) };
        options.ThrowIfUnknown();

        var figures = await LoadRun.RunAsync(shape, load, log: line => Console.Error.WriteLine($"[load] {line}"), measureLimit: limit);
        Console.WriteLine(figures.ToMarkdown());
        foreach (var problem in figures.Problems.Take(20)) Console.Error.WriteLine($"[load] problem: {problem}");
        foreach (var reason in figures.Leftovers.DeadLetterReasons) Console.Error.WriteLine($"[load] dead letter: {reason}");
        foreach (var line in figures.Reconciliation.Lost.Concat(figures.Reconciliation.Unfinished).Concat(figures.Reconciliation.Doubled).Concat(figures.Reconciliation.Unrecorded).Take(20)) Console.Error.WriteLine($"[load] reconciliation: {line}");
        foreach (var wrong in figures.Limit?.Wrong.Take(10) ?? []) Console.Error.WriteLine($"[load] the limit: {wrong}");
        // Unfinished cases mean the offered rate was above what the system carries, not that anything went wrong.
        // A limit that broke its own guarantees is no bound: its ratio means nothing, so the run fails too.
        var r = figures.Reconciliation;
        var limitBroken = figures.Limit is { } l && (l.Wrong.Count > 0 || l.Faults > 0 || l.Checked == 0);
        return r.Lost.Count + r.Doubled.Count + r.Unrecorded.Count == 0 && !limitBroken ? 0 : 1;
    }
}

/// <summary>`--name value` pairs; anything not asked for is an error, so a typo does not silently run the default.</summary>
public sealed class Arguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public Arguments(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length) throw new ArgumentException($"expected --name value, got '{args[i]}'");
            _values[args[i]] = args[++i];
        }
    }

    public string? String(string name)
    {
        _read.Add(name);
        return _values.GetValueOrDefault(name);
    }

    public double Double(string name, double fallback) => String(name) is { } v
        ? double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= 0 ? d : throw new ArgumentException($"{name}: '{v}' is not a non-negative number")
        : fallback;

    public int Int(string name, int fallback) => String(name) is { } v
        ? int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : throw new ArgumentException($"{name}: '{v}' is not a whole number ≥ 1")
        : fallback;

    public CountyMode Mode(string name, CountyMode fallback) => String(name) is { } v
        ? Enum.TryParse<CountyMode>(v, ignoreCase: true, out var m) ? m : throw new ArgumentException($"{name}: '{v}' is neither embedded nor distributed")
        : fallback;

    public void ThrowIfUnknown()
    {
        var unknown = _values.Keys.Where(k => !_read.Contains(k)).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"unknown option(s): {string.Join(", ", unknown)}");
    }
}
