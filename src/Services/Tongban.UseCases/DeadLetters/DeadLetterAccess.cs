using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.DeadLetters;

/// <summary>
/// Who may see and replay dead letters: the approval bureau's supervisors (they follow every case in the county)
/// and the county's system administrator (who fixes the configuration that usually caused them).
/// </summary>
internal static class DeadLetterAccess
{
    /// <summary>The staff role (not a post) of the county's system administrator.</summary>
    public const string AdministratorRole = "Administrator";

    public const string Refusal = "异常消息仅限行政审批局督办岗位和系统管理员查看和重新投递。";

    public static async Task<bool> AllowedAsync(TongbanDbContext db, Actor actor, CancellationToken ct)
    {
        if (actor.Posts.Any(p => p.Role == PostRole.BureauSupervisor)) return true;
        // Roles are read from the staff register, as the login read them: the same answer for both front doors.
        var roles = await db.Staff.AsNoTracking().Where(s => s.Id == actor.Id).Select(s => s.Roles).SingleOrDefaultAsync(ct);
        return roles?.Contains(AdministratorRole) == true;
    }
}
