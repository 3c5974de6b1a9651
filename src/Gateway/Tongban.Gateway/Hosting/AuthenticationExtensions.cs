using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Tongban.Gateway.Auth;

namespace Tongban.Gateway.Hosting;

public static class AuthenticationExtensions
{
    /// <summary>
    /// Staff sign in with username and password and get a bearer token (ASP.NET Core's own token format,
    /// protected by the shared data-protection key ring). Every API call needs one.
    /// </summary>
    public static IServiceCollection AddGatewayAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        // The key ring is kept in the database but encrypted with a certificate the database does not hold: a
        // backup or a reader of the table cannot mint tokens with it. Older certificates still decrypt the keys
        // written before a rotation.
        var certificates = KeyRingCertificates.Load(configuration, Tongban.Workflows.Runtime.Hosting.PersistenceExtensions.RuntimeDirectory(configuration));
        services.AddSingleton(certificates);
        services.AddHostedService<KeyRingCertificateNotice>();
        services.AddDataProtection().SetApplicationName("tongban")
            .ProtectKeysWithCertificate(certificates.Current)
            .UnprotectKeysWithAnyCertificate([certificates.Current, .. certificates.Previous]);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DbXmlRepository(sp.GetRequiredService<IServiceScopeFactory>())));
        // One policy scheme picks per request: bearer tokens for the API (which answers 401), a session cookie for
        // the staff pages (which redirect to /login); see PagesExtensions for the cookie's settings.
        services.AddAuthentication(PagesExtensions.SchemeSelector)
            .AddPolicyScheme(PagesExtensions.SchemeSelector, "API bearer token or page cookie", o => o.ForwardDefaultSelector = http =>
                http.Request.Path.StartsWithSegments("/api") ? BearerTokenDefaults.AuthenticationScheme : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddBearerToken(o => o.BearerTokenExpiration = TimeSpan.FromHours(8))
            .AddCookie(PagesExtensions.ConfigureSessionCookie);
        // Token and session lifetimes are wall-clock security properties, not domain time: they must not follow an
        // injected clock that a test (or a replay) moves by days.
        services.PostConfigureAll<BearerTokenOptions>(o => o.TimeProvider = TimeProvider.System);
        services.PostConfigureAll<CookieAuthenticationOptions>(o => o.TimeProvider = TimeProvider.System);
        // Every signed-in request is checked against the staff table (exists, active, session stamp) and gets the
        // table's roles now. Hooked into each scheme's own event rather than one IClaimsTransformation: a claims
        // transformation cannot reject (it can only return another principal, and an empty one would reach the
        // pages as "signed out" without the cookie being cleared), while these events fail the authentication
        // itself, so the API answers 401 and the pages clear the cookie and redirect to /login as for an expired one.
        services.AddSingleton<StaffSessions>();
        services.PostConfigure<BearerTokenOptions>(BearerTokenDefaults.AuthenticationScheme, o => o.Events.OnMessageReceived = StaffSessionEvents.ValidateBearerAsync);
        services.PostConfigure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, o => o.Events.OnValidatePrincipal = StaffSessionEvents.ValidateCookieAsync);
        // Password check and failed-login throttle, shared by the API login and the login page.
        services.AddSingleton<LoginThrottle>();
        services.AddScoped<StaffCredentials>();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return services;
    }
}
