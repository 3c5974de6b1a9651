using Microsoft.AspNetCore.Mvc;
using Tongban.Gateway.Auth;
using Tongban.Gateway.Pages.Infrastructure;
using Tongban.UseCases;
using Tongban.UseCases.Accounts;

namespace Tongban.Gateway.Pages;

/// <summary>
/// 修改密码: where a sign-in with a one-time first password lands (and where anyone may change theirs). The
/// current password is the proof, checked and throttled as at sign-in; the change is the <see cref="ChangePassword"/> use case.
/// </summary>
public sealed class ChangePasswordModel(StaffCredentials credentials, ChangePassword useCase) : StaffPage
{
    [BindProperty(SupportsGet = true)]
    public string? Username { get; set; }

    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public string? Error { get; private set; }

    public Dictionary<string, string> FieldErrors { get; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Username) || Username.Length > LoginThrottle.MaxUsernameLength) FieldErrors["username"] = "请输入用户名。";
        if (string.IsNullOrEmpty(CurrentPassword) || CurrentPassword.Length > PasswordPolicy.MaxLength) FieldErrors["currentPassword"] = "请输入当前密码。";
        if (NewPassword != ConfirmPassword) FieldErrors["confirmPassword"] = "两次输入的新密码不一致。";
        if (FieldErrors.Count > 0) return Page();

        var username = Username!.Trim();
        switch (await credentials.VerifyAsync(username, CurrentPassword!, HttpContext.Connection.RemoteIpAddress, HttpContext.RequestAborted))
        {
            case StaffCredentials.Outcome.Throttled throttled:
                Error = $"登录失败次数过多，请 {throttled.Minutes} 分钟后再试。";
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                return Page();
            case StaffCredentials.Outcome.Valid valid:
                var outcome = await useCase.HandleAsync(new(valid.Staff.Id, CurrentPassword!, NewPassword), HttpContext.RequestAborted);
                if (outcome is Outcome<bool>.Ok) return RedirectToPage("/Login", new { changed = true });
                if (outcome is Outcome<bool>.Invalid invalid)
                {
                    foreach (var (field, messages) in invalid.Errors) FieldErrors[field] = messages[0];
                    Response.StatusCode = StatusCodes.Status400BadRequest;
                }
                else
                {
                    Error = "密码未能修改，请重试。";
                }

                return Page();
            default:
                Error = "用户名或当前密码不正确。";
                return Page();
        }
    }

    public string? ErrorOf(string field) => FieldErrors.GetValueOrDefault(field);
}
