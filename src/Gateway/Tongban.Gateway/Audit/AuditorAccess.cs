using System.Security.Claims;

namespace Tongban.Gateway.Audit;

/// <summary>
/// The audit role (等保 2.0: system, security and audit administration are separate). Held as a staff role,
/// not a post; the Administrator role does not include it.
/// </summary>
internal static class AuditorAccess
{
    public const string Role = UseCases.Audit.AuditorRole.Name;

    public static bool IsAuditor(ClaimsPrincipal user) => user.HasClaim(ClaimTypes.Role, Role);
}
