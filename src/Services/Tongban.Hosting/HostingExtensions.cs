using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tongban.Workflows.Runtime.Hosting;

namespace Tongban.Hosting;

/// <summary>
/// What the gateway and every node set up the same way around the engine, as eShop's ServiceDefaults:
/// one call while building, one to run, and the gateway maps <c>/health</c>.
/// </summary>
public static class HostingExtensions
{
    /// <summary>Telemetry named <paramref name="serviceName"/>, health checks, and the bus watchdog (section <c>Bus</c>).</summary>
    public static TBuilder AddTongbanHosting<TBuilder>(this TBuilder builder, string serviceName) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddTongbanTelemetry(builder.Configuration, serviceName);
        // MassTransit adds its bus health check to these, so /health reports a disconnected bus.
        builder.Services.AddHealthChecks();
        builder.Services.AddOptions<BusWatchdogOptions>().BindConfiguration("Bus");
        builder.Services.AddHostedService<BusWatchdog>();
        return builder;
    }

    /// <summary><c>/health</c>, open to the load balancer and the supervisor without a login.</summary>
    public static IEndpointRouteBuilder MapTongbanHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health").AllowAnonymous();
        return endpoints;
    }

    /// <summary>
    /// Runs an administrative verb (see <see cref="CommandLine"/>) instead of the service, or brings the database up
    /// to date as configured, builds the request pipeline and serves until stopped. The exit code is non-zero when
    /// the bus watchdog stopped the process.
    /// </summary>
    /// <param name="pipeline">
    /// The gateway's middleware and endpoints. Called only once the database is ready: mapping <c>/health</c> builds
    /// the bus (its health check), and the bus's endpoints are the jurisdictions' queues, read from the database.
    /// </param>
    public static async Task<int> RunTongbanAsync(this IHost host, string[] args, Action? pipeline = null)
    {
        if (CommandLine.IsCommand(args)) return await CommandLine.RunAsync(host, args);

        await DatabaseSetup.RunAsync(host.Services, DatabaseSetup.OnStart(host.Services.GetRequiredService<IConfiguration>()));
        pipeline?.Invoke();
        await host.RunAsync();
        return Environment.ExitCode;
    }
}
