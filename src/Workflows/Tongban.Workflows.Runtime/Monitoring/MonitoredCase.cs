namespace Tongban.Workflows.Runtime.Monitoring;

/// <summary>
/// The bureau's view of a case, built from <c>CaseTransitioned</c> events: where it is and since when.
/// Keeps no personal data, so it can be queried county-wide.
/// </summary>
public sealed class MonitoredCase
{
    public Guid CaseId { get; set; }
    public required string CaseNumber { get; set; }
    public required string ItemCode { get; set; }
    public required string State { get; set; }
    public string? HolderPostId { get; set; }
    public required string IntakeCommunityId { get; set; }
    public required string RegistrationTownshipId { get; set; }

    /// <summary>The sequence of the last event applied; older events arriving late are ignored.</summary>
    public int LastSequence { get; set; }
    public DateTimeOffset LastTransitionAt { get; set; }
    public int Transitions { get; set; }
}
