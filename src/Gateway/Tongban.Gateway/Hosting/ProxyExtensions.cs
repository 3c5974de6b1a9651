using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;

namespace Tongban.Gateway.Hosting;

/// <summary>
/// Running behind a TLS-terminating reverse proxy. X-Forwarded-For / -Proto are believed only from the proxies
/// configured in <c>Gateway:KnownProxies</c> (IP addresses) and <c>Gateway:KnownNetworks</c> (CIDR, e.g.
/// 10.20.0.0/24) — nobody by default, not even loopback — so a client cannot pick its own address for the login
/// limits or pretend to be HTTPS. The session and antiforgery cookies are Secure whenever the request (as the
/// proxy reports it) is HTTPS, and always with <c>Gateway:SecureCookies=Always</c>.
/// </summary>
public static class ProxyExtensions
{
    public static IServiceCollection AddProxySupport(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = List(configuration, "Gateway:KnownProxies").Select(IPAddress.Parse).ToList();
        var networks = List(configuration, "Gateway:KnownNetworks").Select(System.Net.IPNetwork.Parse).ToList();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback by default; here only what is configured counts.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies) o.KnownProxies.Add(proxy);
            foreach (var network in networks) o.KnownIPNetworks.Add(network);
            // One proxy in front: the right-most forwarded value is the one it added.
            o.ForwardLimit = 1;
        });

        var policy = string.Equals(configuration["Gateway:SecureCookies"], "Always", StringComparison.OrdinalIgnoreCase)
            ? CookieSecurePolicy.Always
            : CookieSecurePolicy.SameAsRequest;
        services.PostConfigure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, o => o.Cookie.SecurePolicy = policy);
        services.PostConfigure<AntiforgeryOptions>(o => o.Cookie.SecurePolicy = policy);
        return services;
    }

    /// <summary>First in the pipeline, so the login limits, the cookies and the logs see the client and scheme the proxy reports.</summary>
    public static WebApplication UseProxySupport(this WebApplication app)
    {
        app.UseForwardedHeaders();
        return app;
    }

    // Accepts a configuration list as array entries (Gateway:KnownProxies:0) or one comma-separated value.
    private static IEnumerable<string> List(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        var values = section.GetChildren().Select(c => c.Value).Append(section.Value);
        return values.Where(v => !string.IsNullOrWhiteSpace(v)).SelectMany(v => v!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
