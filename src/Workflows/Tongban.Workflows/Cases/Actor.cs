using Tongban.Workflows.Definitions;

namespace Tongban.Workflows.Cases;

/// <summary>A post a staff member holds: as its A holder (primary) or B holder (backup).</summary>
public sealed record PostAssignment(string PostId, string JurisdictionId, PostRole Role, bool AsBackup = false)
{
    /// <summary>Set when acting with someone else's authority (B or a cover for the A holder): the A holder's id.</summary>
    public string? ActingForId { get; init; }

    /// <summary>B while A is present: acts only on cases escalated to B because A did not sign for them in time.</summary>
    public bool OnlyEscalated { get; init; }
}

/// <summary>Who acts on a case: a staff member with the posts they hold, or a jurisdiction's node receiving a hand-off.</summary>
public sealed record Actor(string Id, string DisplayName, IReadOnlyList<PostAssignment> Posts, bool IsSystem = false)
{
    /// <summary>The node of a jurisdiction receiving a hand-off on behalf of the post it is addressed to.</summary>
    public static Actor Node(string nodeName, PostAssignment receivingPost) =>
        new($"node:{nodeName}", nodeName, [receivingPost], IsSystem: true);
}

/// <summary>The two jurisdictions of a case: where it was handed in and where the resident is registered (户籍).</summary>
public sealed record CaseLocation(string IntakeCommunityId, string RegistrationTownshipId)
{
    public string JurisdictionFor(PostRole role) => PostRoles.SideOf(role) switch
    {
        CaseSide.IntakeCommunity => IntakeCommunityId,
        CaseSide.RegistrationTownship => RegistrationTownshipId,
        _ => string.Empty,
    };
}
