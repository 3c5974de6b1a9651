using System.Security.Claims;

namespace Tongban.Gateway.Audit;

/// <summary>
/// The audit role (等保 2.0: system, security and audit administration are separate). Held as a staff role,
/// not a post; the Administrator role does not include it.
/// </summary>
internal static class AuditorAccess
{
    public const string Role = "Auditor";

    public static bool IsAuditor(ClaimsPrincipal user) => user.HasClaim(ClaimTypes.Role, Role);

    public static string ActorId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public static IResult Forbidden() =>
        TypedResults.Problem("只有审计员可以查询审计记录。", statusCode: StatusCodes.Status403Forbidden, title: "无权访问");
}
