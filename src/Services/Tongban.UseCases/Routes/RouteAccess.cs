using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.Routes;

/// <summary>Routes are the county system administrator's: only they see and check them.</summary>
internal static class RouteAccess
{
    public const string AdministratorRole = "Administrator";

    public const string Refusal = "办理路线仅限系统管理员查看和校验。";

    public static async Task<bool> AllowedAsync(TongbanDbContext db, Actor actor, CancellationToken ct)
    {
        // Roles are read from the staff register, as the login read them: the same answer for both front doors.
        var roles = await db.Staff.AsNoTracking().Where(s => s.Id == actor.Id).Select(s => s.Roles).SingleOrDefaultAsync(ct);
        return roles?.Contains(AdministratorRole) == true;
    }
}
