using System.Threading.RateLimiting;

namespace Tongban.Gateway.Hosting;

/// <summary>
/// New cases wait first. Offered more than it could carry, the gateway admitted a request opening a case as readily as
/// a step of a case already in flight; each admitted intake brought a dozen later steps that then queued behind more
/// intakes, and offered twice its capacity the county completed 5 cases/s instead of 38 (docs/benchmarks-history.md). When
/// more than <paramref name="queuedAtMost"/> requests wait for the <paramref name="work"/> limiter, a request that
/// would open a case is refused at once (429, Retry-After); the rest of the queue is kept for the cases taken on.
/// </summary>
public sealed class NewCaseGate(PartitionedRateLimiter<HttpContext> work, int queuedAtMost) : PartitionedRateLimiter<HttpContext>
{
    /// <summary>
    /// A new case can wait longer than a step: with the 1 s of a step, the refused intakes of every desk came back each
    /// second, and answering them cost the gateway more than the steps it made room for.
    /// </summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    private static readonly RateLimitLease Admitted = new Lease(true);
    private static readonly RateLimitLease Refused = new Lease(false);

    /// <summary>An intake at the window, through the API or the page.</summary>
    public static bool OpensCase(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && (request.Path.Equals("/api/cases", StringComparison.OrdinalIgnoreCase) || request.Path.Equals("/window/intake", StringComparison.OrdinalIgnoreCase));

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => new();

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) => Decide(resource);

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Decide(resource));

    private RateLimitLease Decide(HttpContext context) =>
        OpensCase(context.Request) && work.GetStatistics(context)?.CurrentQueuedCount > queuedAtMost ? Refused : Admitted;

    /// <summary>Nothing is held: the gate only looks at the queue.</summary>
    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => acquired ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = !acquired && metadataName == MetadataName.RetryAfter.Name ? RetryAfter : null;
            return metadata is not null;
        }
    }
}
