using System.Globalization;
using Tongban.Load;

namespace Tongban.Benchmarks;

/// <summary>
/// `limit`: the limit alone (bench/Tongban.Limit; `load --mode distributed` runs it before the county).
/// <code>limit [--desks 32] [--duration 20]</code>
/// </summary>
public static class LimitBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = new Arguments(args);
        var desks = options.Int("--desks", 32);
        var duration = TimeSpan.FromSeconds(options.Double("--duration", 20));
        options.ThrowIfUnknown();

        var l = await LoadRun.MeasureLimitAsync(line => Console.Error.WriteLine($"[limit] {line}"), desks, duration);
        string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
        Console.WriteLine("| figure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| desks, seconds measured | {l.Desks}, {F(l.Seconds, "0")} |");
        Console.WriteLine($"| completed cases/s, transitions/s | {F(l.CasesPerSecond, "0.0")}, {F(l.TransitionsPerSecond, "0")} |");
        Console.WriteLine($"| HTTP step p99 ms, hand-off p99 ms | {F(l.StepP99Milliseconds, "0.0")}, {F(l.HandOffP99Milliseconds, "0.0")} |");
        foreach (var (part, ms) in l.CpuMillisecondsPerTransition) Console.WriteLine($"| CPU ms per transition: {part} | {F(ms, "0.000")} |");
        Console.WriteLine($"| CPU ms per transition: total | {F(l.CpuMillisecondsPerTransition.Values.Sum(), "0.000")} |");
        Console.WriteLine($"| archived cases checked / wrong / faults | {l.Checked} / {l.Wrong.Count} / {l.Faults} |");
        foreach (var wrong in l.Wrong.Take(10)) Console.Error.WriteLine($"[limit] wrong: {wrong}");
        return l.Wrong.Count == 0 && l.Faults == 0 && l.Checked > 0 ? 0 : 1;
    }
}
