using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Tongban.Gateway.Auth;

/// <summary>The authentication events that put <see cref="StaffSessions"/> in front of the bearer token and the session cookie.</summary>
public static class StaffSessionEvents
{
    private const string BearerPrefix = "Bearer ";

    /// <summary>
    /// The bearer handler has no event after it reads its ticket, so this one reads the token itself (as the handler
    /// would: the same protector and expiry) and answers the authentication; the handler then uses that result.
    /// </summary>
    public static async Task ValidateBearerAsync(MessageReceivedContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)) return;

        var ticket = context.Options.BearerTokenProtector.Unprotect(header[BearerPrefix.Length..].Trim());
        var now = (context.Options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        if (ticket?.Properties.ExpiresUtc is not { } expires || now >= expires)
        {
            context.Fail("Token expired or invalid.");
            return;
        }

        var sessions = context.HttpContext.RequestServices.GetRequiredService<StaffSessions>();
        if (await sessions.ValidateAsync(ticket.Principal, context.HttpContext.RequestAborted) is not { } principal)
        {
            context.Fail("Staff member unknown, disabled or signed out.");
            return;
        }

        context.Principal = principal;
        context.Properties = ticket.Properties;
        context.Success();
    }

    /// <summary>A session cookie of someone unknown, disabled or signed out is dropped: the page redirects to /login.</summary>
    public static async Task ValidateCookieAsync(CookieValidatePrincipalContext context)
    {
        var sessions = context.HttpContext.RequestServices.GetRequiredService<StaffSessions>();
        if (context.Principal is { } current && await sessions.ValidateAsync(current, context.HttpContext.RequestAborted) is { } principal)
        {
            context.ReplacePrincipal(principal);
            return;
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}
