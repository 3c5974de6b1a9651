namespace Tongban.Workflows.Runtime.Messaging;

/// <summary>
/// A message a consumer has applied. Written in the same transaction as its effect; the primary key
/// (MessageId, Consumer) makes a redelivered or concurrently delivered copy a no-op.
/// </summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; set; }
    public required string Consumer { get; set; }
    public DateTimeOffset ProcessedAt { get; set; }
}
