using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Tongban.Gateway.Auth;
using Tongban.Gateway.Pages.Infrastructure;

namespace Tongban.Gateway.Pages;

/// <summary>Sign-in with a staff account; a sliding 30-minute session cookie; failed logins throttled.</summary>
public sealed class LoginModel(StaffCredentials credentials) : StaffPage
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Username { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true, Name = "changed")]
    public bool PasswordChanged { get; set; }

    [BindProperty(SupportsGet = true, Name = "signedOut")]
    public bool SignedOut { get; set; }

    public bool Expired => ReturnUrl is not null && Request.Method == HttpMethods.Get;

    public string? Error { get; private set; }

    public string? UsernameError { get; private set; }

    public string? PasswordError { get; private set; }

    public IActionResult OnGet() => Me.IsSignedIn && ReturnUrl is null ? Redirect("/") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Username)) UsernameError = "请输入用户名。";
        if (string.IsNullOrEmpty(Password)) PasswordError = "请输入密码。";
        if (UsernameError is not null || PasswordError is not null) return Page();

        var username = Username!.Trim();
        var outcome = await credentials.VerifyAsync(username, Password!, HttpContext.Connection.RemoteIpAddress, HttpContext.RequestAborted);
        switch (outcome)
        {
            case StaffCredentials.Outcome.Throttled throttled:
                Error = $"登录失败次数过多，请 {throttled.Minutes} 分钟后再试。";
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                return Page();
            case StaffCredentials.Outcome.Valid { Staff.MustChangePassword: true }:
                // A one-time first password: no session, only the change-password page.
                return RedirectToPage("/ChangePassword", new { username });
            case StaffCredentials.Outcome.Valid valid:
                var principal = new ClaimsPrincipal(StaffCredentials.Identity(valid.Staff, CookieAuthenticationDefaults.AuthenticationScheme));
                await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal, new AuthenticationProperties { IsPersistent = false });
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
            default:
                Error = "用户名或密码不正确。";
                return Page();
        }
    }
}
