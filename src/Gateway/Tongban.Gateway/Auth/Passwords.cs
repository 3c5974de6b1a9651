using System.Security.Claims;
using Tongban.Gateway.Problems;
using Tongban.UseCases.Accounts;

namespace Tongban.Gateway.Auth;

/// <summary>
/// First passwords and password changes. POST /api/staff/{username}/first-password (administrators): a one-time
/// password the account must change; POST /api/auth/change-password (no token: the current password is the
/// proof, checked and throttled like a sign-in): the staff member's new password.
/// </summary>
public static class Passwords
{
    /// <summary>The problem type of a sign-in with a password that must be changed first (403).</summary>
    public const string ChangeRequiredType = "urn:tongban:problem:password-change-required";

    public sealed record FirstPasswordRequest(string? Password);

    public sealed record ChangeRequest(string? Username, string? CurrentPassword, string? NewPassword);

    public static void MapPasswords(this RouteGroupBuilder api)
    {
        api.MapPost("/staff/{username}/first-password", async (string username, FirstPasswordRequest request, SetFirstPassword useCase, HttpContext http, CancellationToken ct) =>
                (await useCase.HandleAsync(new(username, request.Password), http.User.FindFirstValue(ClaimTypes.NameIdentifier)!, ct)).ToHttp(v => TypedResults.Ok(v)))
            .WithTags("Auth")
            .WithSummary($"Set a one-time first password for an account (administrators only, audited); the account must change it at its next sign-in. Password: {PasswordPolicy.MinLength}..{PasswordPolicy.MaxLength} characters.")
            .Produces<SetFirstPassword.Result>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/auth/change-password", ChangeAsync)
            .AllowAnonymous()
            .WithTags("Auth")
            .WithSummary("Replace one's password, e.g. the one-time first password (login answers 403 with type " + ChangeRequiredType + " until this is done).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    /// <summary>The 403 a sign-in gets while its account still has to replace a first password.</summary>
    public static IResult ChangeRequired() => TypedResults.Problem(
        "这是管理员设置的初始密码，须先修改密码（POST /api/auth/change-password）才能使用系统。",
        statusCode: StatusCodes.Status403Forbidden, title: "须修改初始密码", type: ChangeRequiredType);

    private static async Task<IResult> ChangeAsync(ChangeRequest request, StaffCredentials credentials, ChangePassword useCase, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Username) || request.Username.Length > LoginThrottle.MaxUsernameLength) errors["username"] = ["请输入用户名。"];
        if (string.IsNullOrEmpty(request.CurrentPassword) || request.CurrentPassword.Length > PasswordPolicy.MaxLength) errors["currentPassword"] = ["请输入当前密码。"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "输入有误");

        var outcome = await credentials.VerifyAsync(request.Username!.Trim(), request.CurrentPassword!, http.Connection.RemoteIpAddress, ct);
        return outcome switch
        {
            StaffCredentials.Outcome.Throttled t => TypedResults.Problem($"登录失败次数过多，请 {t.Minutes} 分钟后再试。", statusCode: StatusCodes.Status429TooManyRequests, title: "登录受限"),
            StaffCredentials.Outcome.Valid { Staff: var staff } =>
                (await useCase.HandleAsync(new(staff.Id, request.CurrentPassword!, request.NewPassword), ct)).ToHttp(_ => TypedResults.NoContent()),
            _ => TypedResults.Problem("用户名或密码不正确。", statusCode: StatusCodes.Status401Unauthorized, title: "登录失败"),
        };
    }
}
