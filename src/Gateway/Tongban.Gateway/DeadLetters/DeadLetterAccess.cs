using System.Security.Claims;
using Tongban.Gateway.Auth;
using Tongban.Workflows.Definitions;

namespace Tongban.Gateway.DeadLetters;

/// <summary>
/// Who may see and replay dead letters: the approval bureau's supervisors (they follow every case in the county)
/// and the county's system administrator (who fixes the configuration that usually caused them).
/// </summary>
internal static class DeadLetterAccess
{
    public static async Task<bool> AllowedAsync(ClaimsPrincipal user, StaffActors staff, CancellationToken ct) =>
        user.IsInRole("Administrator") || (await staff.CurrentAsync(ct)).Posts.Any(p => p.Role == PostRole.BureauSupervisor);

    public static IResult Forbidden() =>
        TypedResults.Problem("异常消息仅限行政审批局督办岗位和系统管理员查看和重新投递。", statusCode: StatusCodes.Status403Forbidden, title: "无权访问");
}
