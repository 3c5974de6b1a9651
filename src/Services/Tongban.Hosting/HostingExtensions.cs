using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tongban.Workflows.Runtime.Hosting;

namespace Tongban.Hosting;

/// <summary>
/// What the gateway and every node set up the same way around the engine, as eShop's ServiceDefaults:
/// one call while building, one to run; every process maps <see cref="HealthEndpoints"/>.
/// </summary>
public static class HostingExtensions
{
    /// <summary>Telemetry named <paramref name="serviceName"/>, health checks, and the bus watchdog (section <c>Bus</c>).</summary>
    public static TBuilder AddTongbanHosting<TBuilder>(this TBuilder builder, string serviceName) where TBuilder : IHostApplicationBuilder
    {
        builder.AddTongbanTelemetry(serviceName);
        builder.Services.AddTongbanHealthChecks();
        builder.Services.AddOptions<BusWatchdogOptions>().BindConfiguration("Bus");
        builder.Services.AddHostedService<BusWatchdog>();
        return builder;
    }

    /// <summary>
    /// A node serves nothing but its health endpoints: Kestrel listens on <c>Health:Urls</c> only (never on
    /// ASPNETCORE_URLS, which the shared environment file sets for the gateway); without it, on a loopback port the
    /// system picks, so two nodes on one machine never collide.
    /// </summary>
    public static WebApplicationBuilder UseHealthListener(this WebApplicationBuilder builder)
    {
        builder.WebHost.UseUrls(builder.Configuration["Health:Urls"] is { Length: > 0 } urls ? urls : "http://127.0.0.1:0");
        return builder;
    }

    /// <summary>
    /// Runs an administrative verb (see <see cref="CommandLine"/>) instead of the service, or brings the database up
    /// to date as configured, builds the request pipeline and serves until stopped. The exit code is non-zero when
    /// the bus watchdog stopped the process.
    /// </summary>
    /// <param name="pipeline">
    /// The process's middleware and endpoints. Called only once the database is ready: mapping <c>/health</c> builds
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
