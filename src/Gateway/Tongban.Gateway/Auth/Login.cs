using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.BearerToken;

namespace Tongban.Gateway.Auth;

/// <summary>POST /api/auth/login: a staff member signs in and gets a bearer token for the API.</summary>
public static class Login
{
    public sealed record Request(string? Username, string? Password);

    public static void MapLogin(this RouteGroupBuilder api) =>
        api.MapPost("/auth/login", HandleAsync)
            .AllowAnonymous()
            .WithTags("Auth")
            .WithSummary("Sign in as a staff member; returns a bearer token (accessToken) for the other calls.")
            .Produces<AccessTokenResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static async Task<IResult> HandleAsync(Request request, StaffCredentials credentials, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Username)) errors["username"] = ["请输入用户名。"];
        if (string.IsNullOrEmpty(request.Password)) errors["password"] = ["请输入密码。"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "输入有误");

        var outcome = await credentials.VerifyAsync(request.Username!, request.Password!, http.Connection.RemoteIpAddress, ct);
        if (outcome is StaffCredentials.Outcome.Throttled throttled)
        {
            return TypedResults.Problem($"登录失败次数过多，请 {throttled.Minutes} 分钟后再试。", statusCode: StatusCodes.Status429TooManyRequests, title: "登录受限");
        }

        if (outcome is not StaffCredentials.Outcome.Valid { Staff: var staff })
        {
            return TypedResults.Problem("用户名或密码不正确。", statusCode: StatusCodes.Status401Unauthorized, title: "登录失败");
        }

        // A one-time first password only opens the way to changing it: no token.
        if (staff.MustChangePassword) return Passwords.ChangeRequired();

        var identity = StaffCredentials.Identity(staff, BearerTokenDefaults.AuthenticationScheme);
        return TypedResults.SignIn(new ClaimsPrincipal(identity), authenticationScheme: BearerTokenDefaults.AuthenticationScheme);
    }
}
