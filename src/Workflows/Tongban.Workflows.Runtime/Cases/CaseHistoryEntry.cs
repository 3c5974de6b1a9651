using Tongban.Workflows.Cases;

namespace Tongban.Workflows.Runtime.Cases;

/// <summary>
/// The execution journal: one row per transition, appended and never changed. (Case, Sequence) is unique,
/// so a transition applied twice cannot leave two entries.
/// </summary>
public sealed class CaseHistoryEntry
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public int Sequence { get; set; }
    public CaseAction Action { get; set; }
    public required string FromState { get; set; }
    public required string ToState { get; set; }

    /// <summary>Staff username, or node:NAME for a hand-off received by a jurisdiction's node.</summary>
    public required string ActorId { get; set; }
    public required string ActorName { get; set; }
    public required string PostId { get; set; }

    /// <summary>When the actor acted with someone else's authority (B or a cover for the A holder): the A holder.</summary>
    public string? ActingForId { get; set; }
    public required string JurisdictionId { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>What the action carried, without personal data (material codes, decision, level…), as JSON (<see cref="JournalDetails"/>).</summary>
    public string? Detail { get; set; }

    /// <summary>The detail as its typed record (older rows included), or null when the step carried nothing.</summary>
    public JournalDetail? ReadDetail() => JournalDetails.Read(Action, Detail);

    /// <summary>For a received hand-off: the message that carried it.</summary>
    public Guid? MessageId { get; set; }
}
