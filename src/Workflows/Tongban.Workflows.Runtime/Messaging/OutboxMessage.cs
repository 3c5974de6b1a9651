namespace Tongban.Workflows.Runtime.Messaging;

/// <summary>
/// A message written in the same transaction as the transition that caused it, and relayed to the bus
/// after commit. Relays on several nodes claim rows with a lease, so each row is sent by one of them at a time.
/// </summary>
public sealed class OutboxMessage
{
    public long Sequence { get; set; }

    /// <summary>Becomes the bus MessageId, which receivers use as their inbox key.</summary>
    public Guid MessageId { get; set; }
    public required string MessageType { get; set; }

    /// <summary>Queue name to send to; null to publish (fan-out events).</summary>
    public string? Destination { get; set; }
    public required string Body { get; set; }

    /// <summary>W3C traceparent of the transition, so the hand-off continues the case's trace.</summary>
    public string? TraceParent { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public Guid? LockedBy { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public DateTimeOffset? DispatchedAt { get; set; }
    public int Attempts { get; set; }
}
