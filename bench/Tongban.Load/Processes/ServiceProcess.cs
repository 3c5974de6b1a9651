using System.Collections.Concurrent;
using System.Diagnostics;

namespace Tongban.Load.Processes;

/// <summary>
/// One gateway or jurisdiction node as its own operating-system process, which the harness can kill (-9) and
/// start again. Keeps the tail of its output, and its CPU time and peak memory over every incarnation.
/// </summary>
public sealed class ServiceProcess(string name, string dll, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> args) : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<ServiceProcess, byte> Live = new();

    static ServiceProcess() =>
        // A harness stopped by Ctrl-C or a timeout must not leave its county running.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var p in Live.Keys)
            {
                p._stopping = true;
                if (p._process is { HasExited: false } process) process.Kill(entireProcessTree: true);
            }
        };

    private readonly ConcurrentQueue<string> _tail = new();
    private Process? _process;
    private volatile bool _stopping;
    private Process? _killed;
    private double _cpuOfEndedIncarnations;
    private double _peakRssMb;

    public string Name { get; } = name;

    public int? Pid => _process is { HasExited: false } p ? p.Id : null;

    public int Starts { get; private set; }

    /// <summary>Starts the process and waits until it prints <paramref name="readyLine"/>.</summary>
    public async Task StartAsync(string readyLine = "Application started", TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        void OnLine(string? line)
        {
            if (line is null) return;
            _tail.Enqueue($"[{Name}] {line}");
            while (_tail.Count > 200) _tail.TryDequeue(out _);
            if (line.Contains(readyLine, StringComparison.Ordinal)) ready.TrySetResult();
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Exited += (_, _) =>
        {
            if (ready.TrySetException(new InvalidOperationException($"{Name} exited before it was ready:\n{Tail()}"))) return;
            // Exited on its own (e.g. its bus watchdog gave up): start it again, as systemd's Restart=always would.
            if (!_stopping && !ReferenceEquals(_killed, process) && ReferenceEquals(_process, process)) _ = RestartAsync(process);
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        Live[this] = 0;
        Starts++;
        await ready.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(90));
    }

    /// <summary>Times the process ended on its own and the harness started it again.</summary>
    public int UnexpectedExits { get; private set; }

    private async Task RestartAsync(Process exited)
    {
        UnexpectedExits++;
        _tail.Enqueue($"[{Name}] exited with {exited.ExitCode}; starting it again");
        await Task.Delay(TimeSpan.FromSeconds(1));
        await StartAsync();
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

    /// <summary>CPU seconds used by every incarnation so far.</summary>
    public double CpuSeconds() => _cpuOfEndedIncarnations + (Pid is { } pid ? ProcStat.CpuSeconds(pid) ?? 0 : 0);

    /// <summary>The highest resident memory any incarnation reached, in MB.</summary>
    public double PeakRssMb()
    {
        Sample();
        return _peakRssMb;
    }

    public string Tail() => string.Join("\n", _tail.TakeLast(40));

    private void Sample()
    {
        if (Pid is { } pid && ProcStat.PeakRssMb(pid) is { } rss) _peakRssMb = Math.Max(_peakRssMb, rss);
    }

    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        if (_process is { HasExited: false } process)
        {
            // Ctrl-C first, so the process closes its bus connection and its queues are left clean.
            using (var interrupt = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await interrupt.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                await KillAsync();
            }
        }

        _process?.Dispose();
        Live.TryRemove(this, out _);
    }
}
