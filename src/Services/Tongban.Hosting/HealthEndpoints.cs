using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Hosting;

/// <summary>
/// Liveness and readiness, the same on the gateway and every node. <c>/health/live</c> runs no check: the process
/// answers. <c>/health/ready</c> runs the checks tagged <see cref="Ready"/>: the database answers, the bus is connected
/// (MassTransit's own check), the outbox is not falling behind. Both answer 200 or 503 with a small JSON body.
/// </summary>
public static class HealthEndpoints
{
    public const string Ready = "ready";

    public static IServiceCollection AddTongbanHealthChecks(this IServiceCollection services)
    {
        services.AddOptions<HealthOptions>().BindConfiguration("Health");
        // MassTransit adds its bus check (tagged "ready") to these.
        services.AddHealthChecks()
            .AddDbContextCheck<TongbanDbContext>("database", tags: [Ready])
            .AddCheck<OutboxAgeHealthCheck>("outbox", tags: [Ready]);
        return services;
    }

    /// <summary><c>/health/live</c>, <c>/health/ready</c> and <c>/health</c> (everything), open without a login.</summary>
    public static IEndpointRouteBuilder MapTongbanHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResultStatusCodes = NotReadyUnlessHealthy, ResponseWriter = WriteAsync }).AllowAnonymous();
        endpoints.MapHealthChecks("/health", new HealthCheckOptions { ResultStatusCodes = NotReadyUnlessHealthy, ResponseWriter = WriteAsync }).AllowAnonymous();
        return endpoints;
    }

    /// <summary>A degraded bus (some endpoints not connected) is not ready either: 503.</summary>
    private static Dictionary<HealthStatus, int> NotReadyUnlessHealthy => new()
    {
        [HealthStatus.Healthy] = StatusCodes.Status200OK,
        [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
        [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
    };

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }));
    }
}
