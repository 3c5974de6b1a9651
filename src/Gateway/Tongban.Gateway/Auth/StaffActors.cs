using System.Security.Claims;
using Microsoft.Extensions.Options;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Organisation;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.Auth;

/// <summary>
/// Who the signed-in staff member is, as the workflow sees them: the posts they may act at today (from
/// <see cref="PostAssignmentCache"/>: an absence registered here applies at once, a change from elsewhere within
/// seconds) and the jurisdictions they may see. AB 双岗:
/// A while present; B for A while A is away (<c>AsBackup</c>), otherwise only on cases escalated to B; the
/// named cover while both are away.
/// </summary>
public sealed class StaffActors(TongbanDbContext db, PostAssignmentCache assignments, IHttpContextAccessor http, TimeProvider clock, IOptions<TimeLimitOptions> limits)
{
    private Actor? _current;

    public async Task<Actor> CurrentAsync(CancellationToken ct)
    {
        if (_current is not null) return _current;
        var user = http.HttpContext!.User;
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var posts = await assignments.AssignmentsAsync(db, id, PostRegister.Today(clock, limits.Value.TimeZone), ct);
        return _current = new Actor(id, user.FindFirstValue(ClaimTypes.Name) ?? id, posts);
    }

    /// <summary>Staff see cases of their own jurisdictions; the bureau sees the whole county.</summary>
    public static bool MaySee(Actor actor, CaseLocation location) => UseCases.Cases.CaseVisibility.MaySee(actor, location);
}
