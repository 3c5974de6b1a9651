using Tongban.Workflows.Cases;
using Tongban.Workflows.Definitions;

namespace Tongban.UseCases.Cases;

/// <summary>Who may see a case (and its applicant's data): staff of its jurisdictions, and the bureau the whole county.</summary>
public static class CaseVisibility
{
    public const string NotYourJurisdiction = "该案件不属于您所在的辖区。";

    public static bool MaySee(Actor actor, CaseLocation location) =>
        actor.Posts.Any(p => p.Role == PostRole.BureauSupervisor || p.JurisdictionId == location.JurisdictionFor(p.Role));

    /// <summary>A county department sees a case while it has (or had) a branch task on it (并联办理).</summary>
    public static bool MaySee(Actor actor, CaseLocation location, IReadOnlyCollection<string> taskJurisdictions) =>
        MaySee(actor, location) || actor.Posts.Any(p => taskJurisdictions.Contains(p.JurisdictionId));
}
