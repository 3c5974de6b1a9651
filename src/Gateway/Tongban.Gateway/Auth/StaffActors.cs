using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.Organisation;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.Auth;

/// <summary>
/// Who the signed-in staff member is, as the workflow sees them: the posts they hold now (read per request,
/// so a change of holders applies at once) and the jurisdictions they may see.
/// </summary>
public sealed class StaffActors(TongbanDbContext db, IHttpContextAccessor http)
{
    private Actor? _current;

    public async Task<Actor> CurrentAsync(CancellationToken ct)
    {
        if (_current is not null) return _current;
        var user = http.HttpContext!.User;
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var posts = await db.Posts.AsNoTracking()
            .Where(p => p.PrimaryHolderId == id || p.BackupHolderId == id)
            .Select(p => new PostAssignment(p.Id, p.JurisdictionId, p.Role, p.PrimaryHolderId != id))
            .ToListAsync(ct);
        return _current = new Actor(id, user.FindFirstValue(ClaimTypes.Name) ?? id, posts);
    }

    /// <summary>Staff see cases of their own jurisdictions; the bureau sees the whole county.</summary>
    public static bool MaySee(Actor actor, CaseLocation location) =>
        actor.Posts.Any(p => p.Role == PostRole.BureauSupervisor || p.JurisdictionId == location.JurisdictionFor(p.Role));
}
