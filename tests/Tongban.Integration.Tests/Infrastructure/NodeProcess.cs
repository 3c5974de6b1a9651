using System.Collections.Concurrent;
using System.Diagnostics;

namespace Tongban.Integration.Tests.Infrastructure;

/// <summary>
/// A gateway or jurisdiction node running as its own operating-system process, as in distributed mode.
/// Output is kept so tests can wait for a line and check that no personal data was logged.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _output = new();
    private readonly string _dll;
    private readonly string[] _args;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private Process? _process;

    public NodeProcess(string name, string dll, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        Name = name;
        _dll = dll;
        _args = args;
        _environment = environment;
    }

    public string Name { get; }

    public IEnumerable<string> Output => _output;

    public int? ProcessId => _process?.Id;

    /// <summary>Waits for the process to end by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process!.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public async Task StartAsync(string readyLine = "Application started", TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(_dll)! };
        start.ArgumentList.Add(_dll);
        foreach (var arg in _args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in _environment) start.Environment[key] = value;
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";

        var skip = _output.Count;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue($"[{Name}] {e.Data}"); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue($"[{Name}!] {e.Data}"); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitForLineAsync(readyLine, timeout ?? TimeSpan.FromSeconds(60), skip);
    }

    public async Task WaitForLineAsync(string text, TimeSpan timeout, int skip = 0)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!_output.Skip(skip).Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            if (_process is { HasExited: true })
            {
                // The exit can be seen before the last output lines are read: drain them, then look once more.
                await _process.WaitForExitAsync();
                if (_output.Skip(skip).Any(l => l.Contains(text, StringComparison.Ordinal))) return;
                throw new InvalidOperationException($"{Name} exited ({_process.ExitCode}) before '{text}':\n{string.Join("\n", _output.TakeLast(40))}");
            }

            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{Name} did not print '{text}' within {timeout}:\n{string.Join("\n", _output.TakeLast(40))}");
            await Task.Delay(50);
        }
    }

    /// <summary>kill -9: no graceful shutdown, no acknowledgements, no flushes.</summary>
    public async Task KillAsync()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>Ctrl-C: lets the process stop its bus and flush its telemetry.</summary>
    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited) return;
        using (var kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }
}
