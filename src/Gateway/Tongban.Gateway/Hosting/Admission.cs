using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Tongban.Gateway.Hosting;

/// <summary>Admission control, from configuration <c>Admission:*</c>; zero means "from the processor count".</summary>
public sealed class AdmissionOptions
{
    /// <summary>Requests worked on at once (default 4 per core): beyond the cores they only wait for the CPU and the database.</summary>
    public int MaxConcurrent { get; set; }

    /// <summary>
    /// Requests waiting for a slot, oldest first (default 128 per core); beyond it 429. Long enough that the steps of
    /// the cases taken on are not refused: a refused step comes back a second later, and answering the refusals cost
    /// the county a third of its throughput under overload (docs/benchmarks.md, "A longer queue for the steps").
    /// </summary>
    public int QueueLimit { get; set; }

    /// <summary>Requests waiting beyond which a new case is refused (default 16 per core, at most half the queue).</summary>
    public int NewCaseQueueLimit { get; set; }

    public int Concurrent => MaxConcurrent > 0 ? MaxConcurrent : 4 * Environment.ProcessorCount;

    public int Queue => QueueLimit > 0 ? QueueLimit : 128 * Environment.ProcessorCount;

    public int NewCaseQueue => NewCaseQueueLimit > 0 ? NewCaseQueueLimit : Math.Min(16 * Environment.ProcessorCount, Queue / 2);
}

/// <summary>
/// Admission control in front of the use cases: a bounded number of requests at work, a bounded queue, and the rest
/// refused at once with 429 and Retry-After (a ProblemDetails for the API, the error page for pages), before they take
/// a database connection. Offered twice what the gateway can carry, it keeps carrying what it can instead of letting
/// every request wait for the connection pool until all of them time out; and once a few requests per core are
/// waiting, new cases are refused first (<see cref="NewCaseGate"/>). Health probes and static assets pass.
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
            var admitted = PartitionedRateLimiter.CreateChained(new NewCaseGate(limiter, a.NewCaseQueue), limiter);
            o.GlobalLimiter = o.GlobalLimiter is { } login ? PartitionedRateLimiter.CreateChained(login, admitted) : admitted;
            var setRetryAfter = o.OnRejected;
            o.OnRejected = async (context, ct) =>
            {
                if (setRetryAfter is not null) await setRetryAfter(context, ct);
                if (PagesExtensions.IsPageRequest(context.HttpContext)) await WriteBusyPageAsync(context.HttpContext, ct);
            };
        });
        return services;
    }

    /// <summary>
    /// Everything but health probes, the error page and static files (they have an extension; of the API's paths only
    /// the case diagram does, and it is work).
    /// </summary>
    public static bool IsWork(HttpRequest request) =>
        !request.Path.StartsWithSegments("/health") && !request.Path.StartsWithSegments("/error")
        && (request.Path.StartsWithSegments("/api") || !Path.HasExtension(request.Path.Value));

    /// <summary>
    /// A refused page request never reaches the pages' error handling (it sits behind the limiter), so it gets the
    /// error page's 429 words here, in a page of its own without scripts or assets; the API keeps its ProblemDetails.
    /// </summary>
    private static async Task WriteBusyPageAsync(HttpContext http, CancellationToken ct)
    {
        if (http.Features.Get<IStatusCodePagesFeature>() is { } apiStatusPages) apiStatusPages.Enabled = false;
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        await http.Response.WriteAsync(BusyPage, ct);
    }

    private const string BusyPage = """
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>请求过于频繁（429）</title></head>
        <body><h1>请求过于频繁（429）</h1><p>系统繁忙，请稍后再试。</p></body></html>
        """;
}
