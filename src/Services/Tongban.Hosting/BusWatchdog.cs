using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tongban.Hosting;

public sealed class BusWatchdogOptions
{
    /// <summary>How long the bus may stay unhealthy before the process gives up and exits; zero turns the watchdog off.</summary>
    public TimeSpan UnhealthyExitAfter { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Ends the process when its bus stays unhealthy, so that its supervisor (systemd's Restart=always, or the fault
/// suite) starts a fresh one. MassTransit 8.3–8.4 sometimes never reconnected a receive endpoint after a broker
/// restart (MassTransit issue 5692; seen here: a node sat without consumers after `rabbitmqctl stop_app`/`start_app`
/// while its queue filled). Exiting is safe at any moment: unacknowledged messages are redelivered, the inbox drops
/// copies, and undispatched outbox rows are sent by the next relay. Not seen on 8.5.12 (docs/benchmarks-history.md); kept as a
/// safety net, since it costs one health check every few seconds.
/// </summary>
public sealed class BusWatchdog(IBusControl bus, IHostApplicationLifetime lifetime, IOptions<BusWatchdogOptions> options, ILogger<BusWatchdog> logger) : BackgroundService
{
    /// <summary>The process exit code when the watchdog stopped it (EX_SOFTWARE).</summary>
    public const int ExitCode = 70;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var limit = options.Value.UnhealthyExitAfter;
        if (limit <= TimeSpan.Zero) return;
        // A bus still connecting is not a bus that failed: watch from when every hosted service, the bus's
        // included (it waits until started), has started, whatever the order they were registered in.
        if (!await HostStartedAsync(stoppingToken)) return;
        long? unhealthySince = null;
        // Real elapsed time on purpose: this is about the process, not domain time.
        using var tick = new PeriodicTimer(TimeSpan.FromSeconds(Math.Clamp(limit.TotalSeconds / 6, 1, 5)));
        while (await NextTickAsync(tick, stoppingToken))
        {
            var health = bus.CheckHealth();
            if (health.Status == BusHealthStatus.Healthy)
            {
                unhealthySince = null;
                continue;
            }

            unhealthySince ??= Stopwatch.GetTimestamp();
            if (Stopwatch.GetElapsedTime(unhealthySince.Value) < limit) continue;

            logger.LogCritical("The bus has been {Status} for over {Seconds} s ({Description}); stopping so the supervisor starts a fresh process", health.Status, limit.TotalSeconds, health.Description);
            Environment.ExitCode = ExitCode;
            lifetime.StopApplication();
            return;
        }
    }

    private async Task<bool> HostStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task<bool> NextTickAsync(PeriodicTimer tick, CancellationToken ct)
    {
        try
        {
            return await tick.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
