using System.Security.Claims;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.Organisation;

namespace Tongban.Gateway.Posts;

/// <summary>Staff see the posts of their own jurisdictions (and the ones they hold or head); the bureau sees the county.</summary>
public static class PostAccess
{
    public static bool MaySee(Actor actor, Post post) =>
        actor.Id == post.PrimaryHolderId || actor.Id == post.BackupHolderId || actor.Id == post.UnitHeadId
        || actor.Posts.Any(p => p.Role == PostRole.BureauSupervisor || p.JurisdictionId == post.JurisdictionId);

    public static string Me(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;
}
