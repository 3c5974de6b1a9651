namespace Tongban.Contracts;

/// <summary>
/// Command to the receiving jurisdiction's queue: take over this case. Carries no personal data; the receiver
/// reads the case from the database. <see cref="HandOffId"/> identifies the sending transition; <see cref="SentAt"/> is
/// the sending transition's instant, stamped in the sender's transaction just before it commits (the start of the
/// hand-off latency the receiver measures to its own commit).
/// </summary>
public sealed record HandOffCase(
    Guid CaseId,
    Guid HandOffId,
    string CaseNumber,
    string Action,
    string FromJurisdictionId,
    string ToJurisdictionId,
    string ToRole,
    DateTimeOffset SentAt)
{
    /// <summary>Set when a branch task (并联办理) is handed over, not the case: the receiving post takes up that task.</summary>
    public Guid? TaskId { get; init; }
}
