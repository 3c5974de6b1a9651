namespace Tongban.Workflows.Auditing;

/// <summary>
/// What one sealed audit record's hash covers: its place in the chain, the hash of the record before it, and
/// everything it says (who, when, what, outcome). <see cref="AtUtcTicks"/> is the instant as UTC ticks, so
/// the hash does not depend on a time zone or a provider's date format.
/// </summary>
public sealed record AuditLink(
    long ChainIndex,
    string PreviousHash,
    Guid Id,
    long AtUtcTicks,
    string ActorId,
    string Action,
    string Subject,
    Guid? CaseId,
    string Outcome,
    string? Reason,
    string? Detail);
