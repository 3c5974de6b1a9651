namespace Tongban.Workflows.Runtime.Auditing;

/// <summary>Configuration section <c>Audit</c>.</summary>
public sealed class AuditOptions
{
    /// <summary>How often the sealer looks for records no commit in this process announced (other nodes' records).</summary>
    public TimeSpan SealInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int SealBatchSize { get; set; } = 200;

    /// <summary>A record still unsealed after this long means no sealer is running; verification reports it.</summary>
    public TimeSpan UnsealedTolerance { get; set; } = TimeSpan.FromMinutes(1);
}
