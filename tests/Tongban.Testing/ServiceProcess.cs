using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Tongban.Testing;

/// <summary>
/// A gateway or jurisdiction node as its own operating-system process, as in distributed mode, which a test or
/// the harness can stop, kill (-9) and start again. Keeps its output (to wait for a line, to check that no personal
/// data was logged), and its CPU time and peak memory over every incarnation.
/// </summary>
public sealed class ServiceProcess(string name, string dll, IReadOnlyDictionary<string, string> environment, params IReadOnlyList<string> args) : IAsyncDisposable
{
    // Enough for any test; a long load run logs warnings only, but a broken one must not fill the memory.
    private const int KeptLines = 100_000;

    private static readonly ConcurrentDictionary<ServiceProcess, byte> Live = new();

    static ServiceProcess() =>
        // A run stopped by Ctrl-C or a timeout must not leave its processes running.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var p in Live.Keys)
            {
                p._stopping = true;
                if (p._process is { HasExited: false } process) process.Kill(entireProcessTree: true);
            }
        };

    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;
    private volatile bool _stopping;
    private Process? _killed;
    private double _cpuOfEndedIncarnations;
    private double _peakRssMb;

    /// <summary>Settings that keep a process's log to warnings, and to the lines a start waits for (started, migrated).</summary>
    public static IReadOnlyDictionary<string, string> WarningsOnly { get; } = new Dictionary<string, string>
    {
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        ["Logging__LogLevel__Tongban.Workflows.Runtime.Hosting"] = "Information",
    };

    public string Name { get; } = name;

    /// <summary>Start the process again when it ends on its own (e.g. its bus watchdog gave up), as systemd's Restart=always would.</summary>
    public bool RestartOnExit { get; init; }

    /// <summary>Every line it printed, over every incarnation; "[name]" before standard output, "[name!]" before standard error.</summary>
    public IEnumerable<string> Output => _output;

    /// <summary>The running incarnation's process id; null while none runs.</summary>
    public int? Pid => _process is { HasExited: false } p ? p.Id : null;

    public int Starts { get; private set; }

    /// <summary>Times the process ended on its own and was started again (<see cref="RestartOnExit"/>).</summary>
    public int UnexpectedExits { get; private set; }

    /// <summary>
    /// What every Tongban process is deployed with in its environment (infra/systemd, launchSettings.json,
    /// infra/run-distributed.sh; docs/decisions.md): an 8 MB gen-0 budget, and glibc's trim and mmap thresholds
    /// fixed at 128 KB. The runtime and glibc read them only from the environment.
    /// </summary>
    public static IReadOnlyDictionary<string, string> DeployedEnvironment { get; } = new Dictionary<string, string>
    {
        ["DOTNET_GCgen0size"] = "0x800000",
        ["MALLOC_TRIM_THRESHOLD_"] = "131072",
        ["MALLOC_MMAP_THRESHOLD_"] = "131072",
    };

    /// <summary>Starts a new incarnation and waits until it prints <paramref name="readyLine"/>.</summary>
    public async Task StartAsync(string readyLine = "Application started", TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // As the systemd units and the launch profile run them. A caller's own setting wins (for comparisons).
        foreach (var (key, value) in DeployedEnvironment) start.Environment[key] = Environment.GetEnvironmentVariable(key) ?? value;
        foreach (var (key, value) in environment) start.Environment[key] = value;
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start };
        void OnLine(string? line, string prefix)
        {
            if (line is null) return;
            Keep($"[{prefix}] {line}");
            if (line.Contains(readyLine, StringComparison.Ordinal)) ready.TrySetResult();
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data, Name);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data, Name + "!");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        Live[this] = 0;
        Starts++;
        _ = WatchAsync(process, ready);
        try
        {
            await ready.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Name} did not print '{readyLine}' within {timeout ?? TimeSpan.FromSeconds(90)}:\n{Tail()}");
        }
    }

    /// <summary>Waits until the process has printed a line containing <paramref name="text"/> (at any time since its first start).</summary>
    public async Task WaitForLineAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!_output.Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            if (_process is { HasExited: true } exited && !RestartOnExit)
            {
                // The exit can be seen before the last lines are read: read them to the end, then look once more.
                await exited.WaitForExitAsync();
                if (_output.Any(l => l.Contains(text, StringComparison.Ordinal))) return;
                throw new InvalidOperationException($"{Name} exited ({exited.ExitCode}) before '{text}':\n{Tail()}");
            }

            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{Name} did not print '{text}' within {timeout}:\n{Tail()}");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits for the running incarnation to end by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        var process = _process ?? throw new InvalidOperationException($"{Name} was never started");
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        return process.ExitCode;
    }

    /// <summary>kill -9: no graceful stop, no acknowledgements, nothing flushed.</summary>
    public async Task KillAsync()
    {
        if (_process is not { HasExited: false } process) return;
        _killed = process;
        Sample();
        var cpu = ProcStat.CpuSeconds(process.Id) ?? 0;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        _cpuOfEndedIncarnations += cpu;
    }

    /// <summary>Ctrl-C: the process stops its bus (its queues are left clean) and flushes its telemetry; killed if it takes too long.</summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } process) return;
        _killed = process;
        Sample();
        using (var interrupt = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)])) await interrupt.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }
    }

    /// <summary>CPU seconds used by every incarnation so far.</summary>
    public double CpuSeconds() => _cpuOfEndedIncarnations + (Pid is { } pid ? ProcStat.CpuSeconds(pid) ?? 0 : 0);

    /// <summary>The highest resident memory any incarnation reached, in MB.</summary>
    public double PeakRssMb()
    {
        Sample();
        return _peakRssMb;
    }

    public string Tail() => string.Join("\n", _output.TakeLast(40));

    /// <summary>Kills what still runs (stop it first for a clean end).</summary>
    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        await KillAsync();
        _process?.Dispose();
        Live.TryRemove(this, out _);
    }

    /// <summary>
    /// Waits for the incarnation to end (and its output to be read to the end, so a ready line printed just
    /// before a normal exit is not missed); then fails the start, or starts the process again.
    /// </summary>
    private async Task WatchAsync(Process process, TaskCompletionSource ready)
    {
        try
        {
            await process.WaitForExitAsync();
            var exitCode = process.ExitCode;
            if (ready.TrySetException(new InvalidOperationException($"{Name} exited ({exitCode}) before it was ready:\n{Tail()}"))) return;
            if (!RestartOnExit || _stopping || ReferenceEquals(_killed, process) || !ReferenceEquals(_process, process)) return;

            UnexpectedExits++;
            Keep($"[{Name}] exited with {exitCode}; starting it again");
            await Task.Delay(TimeSpan.FromSeconds(1));
            if (!_stopping && ReferenceEquals(_process, process)) await StartAsync();
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            // Disposed meanwhile, or the new incarnation did not come up: the output says so; the next check will find it down.
            Keep($"[{Name}] {e.Message.Split('\n')[0]}");
        }
    }

    private void Keep(string line)
    {
        _output.Enqueue(line);
        while (_output.Count > KeptLines) _output.TryDequeue(out _);
    }

    private void Sample()
    {
        if (Pid is { } pid && ProcStat.PeakRssMb(pid) is { } rss) _peakRssMb = Math.Max(_peakRssMb, rss);
    }
}
