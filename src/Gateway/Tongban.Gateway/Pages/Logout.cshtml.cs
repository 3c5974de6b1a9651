using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Tongban.Gateway.Auth;
using Tongban.Gateway.Pages.Infrastructure;

namespace Tongban.Gateway.Pages;

/// <summary>Logout ends every session and API token of the signed-in staff member, not only this browser's.</summary>
public sealed class LogoutModel(StaffSessions sessions) : StaffPage
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id) await sessions.EndAllSessionsAsync(id, HttpContext.RequestAborted);
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect("/login?signedOut=1");
    }
}
