using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Runtime.Organisation;
using Tongban.Workflows.Runtime.Persistence;

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
            .ProducesProblem(StatusCodes.Status401Unauthorized);

    private static async Task<IResult> HandleAsync(Request request, TongbanDbContext db, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Username)) errors["username"] = ["请输入用户名。"];
        if (string.IsNullOrEmpty(request.Password)) errors["password"] = ["请输入密码。"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "输入有误");

        var staff = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == request.Username, ct);
        if (staff is null || new PasswordHasher<Staff>().VerifyHashedPassword(staff, staff.PasswordHash, request.Password!) == PasswordVerificationResult.Failed)
        {
            return TypedResults.Problem("用户名或密码不正确。", statusCode: StatusCodes.Status401Unauthorized, title: "登录失败");
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, staff.Id), new Claim(ClaimTypes.Name, staff.DisplayName), .. staff.Roles.Select(r => new Claim(ClaimTypes.Role, r))],
            BearerTokenDefaults.AuthenticationScheme);
        return TypedResults.SignIn(new ClaimsPrincipal(identity), authenticationScheme: BearerTokenDefaults.AuthenticationScheme);
    }
}
