using System.Net;
using System.Text.RegularExpressions;
using Tongban.Integration.Tests.FrontDoors;
using Tongban.Testing;

namespace Tongban.Integration.Tests.Security;

/// <summary>
/// Hardening 14: behind a TLS-terminating proxy the session cookie is Secure — but X-Forwarded-* count only from
/// the proxies configured (Gateway:KnownProxies), so anyone else sending them changes nothing. Real gateway
/// processes on real ports (a test server has no client address).
/// </summary>
public sealed class ProxyTests
{
    [Fact]
    public async Task From_a_configured_proxy_forwarded_https_makes_the_cookies_secure()
    {
        await using var county = await StartAsync("127.0.0.1");
        var (antiforgery, session) = await SignInAsync(county.Gateways[0].Address, forwardedProto: "https");

        Assert.Matches(new Regex("; *secure", RegexOptions.IgnoreCase), antiforgery);
        Assert.Matches(new Regex("; *secure", RegexOptions.IgnoreCase), session);
    }

    [Fact]
    public async Task From_an_address_that_is_not_a_configured_proxy_the_forwarded_headers_are_ignored()
    {
        // The proxy is 10.9.8.7; the request comes from loopback, as a script on the intranet would send it.
        await using var county = await StartAsync("10.9.8.7");
        var (antiforgery, session) = await SignInAsync(county.Gateways[0].Address, forwardedProto: "https");

        Assert.DoesNotMatch(new Regex("; *secure", RegexOptions.IgnoreCase), antiforgery);
        Assert.DoesNotMatch(new Regex("; *secure", RegexOptions.IgnoreCase), session);
    }

    private static Task<County> StartAsync(string knownProxy) =>
        County.StartAsync(new CountyShape(CountyMode.Embedded) { Settings = new Dictionary<string, string> { ["Gateway__KnownProxies"] = knownProxy } });

    /// <summary>Signs in through the login page with X-Forwarded-Proto on every request; returns the two Set-Cookie lines.</summary>
    private static async Task<(string Antiforgery, string Session)> SignInAsync(Uri gateway, string forwardedProto)
    {
        // Cookies by hand: a cookie container would (rightly) not send a Secure cookie over plain HTTP.
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = gateway };
        http.DefaultRequestHeaders.Add("X-Forwarded-Proto", forwardedProto);
        http.DefaultRequestHeaders.Add("X-Forwarded-For", "192.0.2.10");
        var page = await http.GetAsync("/login");
        var html = await page.Content.ReadAsStringAsync();
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("tongban.af=", StringComparison.Ordinal));

        using var form = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent([new("username", "dongmen.clerk"), new("password", StaffClient.DemoPassword), new("__af", PageClient.InputValue(html, "__af")!)]),
        };
        form.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        var login = await http.SendAsync(form);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var session = login.Headers.GetValues("Set-Cookie").Last(c => c.StartsWith("tongban.session=", StringComparison.Ordinal)); // after the sign-out's deletion
        return (antiforgery, session);
    }
}
