namespace Tongban.Contracts;

/// <summary>Event: a case moved. Published for monitoring (the bureau); carries no personal data.</summary>
public sealed record CaseTransitioned(
    Guid CaseId,
    string CaseNumber,
    string ItemCode,
    int Sequence,
    string Action,
    string FromState,
    string ToState,
    string? HolderPostId,
    string JurisdictionId,
    string IntakeCommunityId,
    string RegistrationTownshipId,
    DateTimeOffset At);
