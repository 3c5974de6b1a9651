namespace Tongban.Hosting;

/// <summary>Section <c>Health</c>: where a node answers its health endpoints, and when the outbox makes a process not ready.</summary>
public sealed class HealthOptions
{
    /// <summary>Listen addresses of a node's health endpoint (the gateway serves it on its own port), e.g. <c>http://127.0.0.1:5091</c>.</summary>
    public string? Urls { get; set; }

    /// <summary>Readiness fails while the oldest message the broker has not confirmed is older than this.</summary>
    public TimeSpan OutboxMaxAge { get; set; } = TimeSpan.FromMinutes(2);
}
