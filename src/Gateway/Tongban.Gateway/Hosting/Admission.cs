using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Tongban.Gateway.Hosting;

/// <summary>Admission control, from configuration <c>Admission:*</c>; zero means "from the processor count".</summary>
public sealed class AdmissionOptions
{
    /// <summary>Requests worked on at once (default 4 per core): beyond the cores they only wait for the CPU and the database.</summary>
    public int MaxConcurrent { get; set; }

    /// <summary>Requests waiting for a slot, oldest first (default 32 per core, about half a second of work here); beyond it 429.</summary>
    public int QueueLimit { get; set; }

    public int Concurrent => MaxConcurrent > 0 ? MaxConcurrent : 4 * Environment.ProcessorCount;

    public int Queue => QueueLimit > 0 ? QueueLimit : 32 * Environment.ProcessorCount;
}

/// <summary>
/// Admission control in front of the use cases: a bounded number of requests at work, a bounded queue, and the rest
/// refused at once with 429 and Retry-After (a ProblemDetails for the API, the error page for pages), before they take
/// a database connection. Offered twice what the gateway can carry, it keeps carrying what it can instead of letting
/// every request wait for the connection pool until all of them time out. Health probes and static assets pass.
/// </summary>
public static class Admission
{
    public static IServiceCollection AddAdmission(this IServiceCollection services)
    {
        services.AddOptions<AdmissionOptions>().BindConfiguration("Admission");
        services.AddRateLimiter(_ => { });
        // After the login limits' configuration: chained behind them, so a refused login takes no admission slot.
        services.AddOptions<RateLimiterOptions>().PostConfigure<IOptions<AdmissionOptions>>((o, admission) =>
        {
            var a = admission.Value;
            var limiter = PartitionedRateLimiter.Create<HttpContext, string>(context => IsWork(context.Request)
                ? RateLimitPartition.GetConcurrencyLimiter("work", _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = a.Concurrent, QueueLimit = a.Queue, QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                })
                : RateLimitPartition.GetNoLimiter("free"));
            o.GlobalLimiter = o.GlobalLimiter is { } login ? PartitionedRateLimiter.CreateChained(login, limiter) : limiter;
        });
        return services;
    }

    /// <summary>Everything but health probes and files (static assets have an extension; no API or page path does).</summary>
    public static bool IsWork(HttpRequest request) =>
        !request.Path.StartsWithSegments("/health") && !Path.HasExtension(request.Path.Value);
}
