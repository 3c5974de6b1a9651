using System.Security.Claims;

namespace Tongban.Gateway.Auth;

/// <summary>POST /api/auth/logout: ends every token and session of the signed-in staff member (new session stamp).</summary>
public static class Logout
{
    public static void MapLogout(this RouteGroupBuilder api) =>
        api.MapPost("/auth/logout", HandleAsync)
            .WithTags("Auth")
            .WithSummary("Sign out: this token and every other token or page session of the same staff member stop working.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

    private static async Task<IResult> HandleAsync(HttpContext http, StaffSessions sessions, CancellationToken ct)
    {
        await sessions.EndAllSessionsAsync(http.User.FindFirstValue(ClaimTypes.NameIdentifier)!, ct);
        return TypedResults.NoContent();
    }
}
