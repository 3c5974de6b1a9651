using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Tongban.Workflows.Runtime.Messaging;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Hosting;

/// <summary>
/// Readiness: the outbox is being relayed. A backlog older than <see cref="HealthOptions.OutboxMaxAge"/> means
/// hand-offs are not leaving (broker refusing, every relay stuck); a process that cannot hand off should not take work.
/// </summary>
public sealed class OutboxAgeHealthCheck(TongbanDbContext db, TimeProvider clock, IOptions<HealthOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var backlog = await OutboxBacklog.ReadAsync(db, clock.GetUtcNow(), cancellationToken);
        var limit = options.Value.OutboxMaxAge;
        var data = new Dictionary<string, object> { ["backlog"] = backlog.Count, ["oldestAgeSeconds"] = Math.Round(backlog.OldestAge.TotalSeconds, 1) };
        return backlog.OldestAge <= limit
            ? HealthCheckResult.Healthy($"{backlog.Count} waiting, oldest {backlog.OldestAge.TotalSeconds:0} s", data)
            : HealthCheckResult.Unhealthy($"oldest undispatched message is {backlog.OldestAge.TotalSeconds:0} s old (limit {limit.TotalSeconds:0} s)", data: data);
    }
}
