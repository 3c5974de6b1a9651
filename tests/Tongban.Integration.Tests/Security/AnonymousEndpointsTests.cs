using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Tongban.Integration.Tests.Infrastructure;

namespace Tongban.Integration.Tests.Security;

/// <summary>
/// Which endpoints answer without a sign-in: the login and the change of a first password (API and page; both
/// check the password themselves), the resident's progress lookup, online request and door-to-door booking (API and
/// page), the error page, the API description, health and static files — and nothing else. A new endpoint marked
/// anonymous by mistake fails here.
/// </summary>
public sealed class AnonymousEndpointsTests : IAsyncDisposable
{
    private static readonly string[] Allowed = ["api/auth/login", "api/auth/change-password", "api/public/lookup", "api/public/lookup/code", "api/public/requests", "api/public/visit-days", "api/public/visits", "openapi/", "health", "login", "change-password", "error", "lookup", "request", "visit"];

    private readonly EmbeddedApp _app = new();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public void Only_login_the_public_lookup_and_infrastructure_are_anonymous()
    {
        _ = _app.Server;
        var anonymous = _app.Services.GetServices<EndpointDataSource>()
            .SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Where(e => !e.Metadata.Any(m => m.GetType().Name.Contains("StaticAsset", StringComparison.Ordinal)))
            .Select(e => (e.RoutePattern.RawText ?? "").TrimStart('/').ToLowerInvariant())
            .Distinct().OrderBy(p => p, StringComparer.Ordinal).ToList();

        Assert.Contains("api/public/lookup", anonymous);
        Assert.Contains("api/public/lookup/code", anonymous);
        Assert.Contains("lookup", anonymous);
        Assert.Contains("api/public/requests", anonymous);
        Assert.Contains("request", anonymous);
        Assert.Contains("api/public/visits", anonymous);
        Assert.Contains("visit", anonymous);
        var unexpected = anonymous.Where(p => !Allowed.Any(a => p == a || p.StartsWith(a.EndsWith('/') ? a : a + "/", StringComparison.Ordinal) || (a is "health" or "error" && p.StartsWith(a, StringComparison.Ordinal)))).ToList();
        Assert.True(unexpected.Count == 0, $"anonymous endpoints beyond the allowed ones: {string.Join(", ", unexpected)} (all: {string.Join(", ", anonymous)})");
    }

    /// <summary>
    /// Browsers fetch /favicon.ico beside the first page they open. Without an icon that request was sent to the
    /// login page, whose answer set a new antiforgery cookie over the one the form page had just set: a resident's
    /// first 预约上门 or 网上申请 could then be refused as "page expired" (seen under load).
    /// </summary>
    [Fact]
    public async Task The_browsers_icon_is_a_local_file_served_without_a_sign_in_or_a_cookie()
    {
        using var browser = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var icon = await browser.GetAsync("/favicon.ico");

        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/x-icon", icon.Content.Headers.ContentType?.MediaType);
        Assert.False(icon.Headers.Contains("Set-Cookie"), string.Join("; ", icon.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : []));
    }

    /// <summary>
    /// Signed out, only a page load is sent to the login page; the browser's fetch of an image or a script that needs a
    /// sign-in gets a bare 401, and no login page sets a new antiforgery cookie beside a public form's.
    /// </summary>
    [Fact]
    public async Task Signed_out_only_a_page_load_is_sent_to_the_login_page()
    {
        using var browser = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var page = new HttpRequestMessage(HttpMethod.Get, "/queue") { Headers = { { "Sec-Fetch-Dest", "document" } } };
        using var toLogin = await browser.SendAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, toLogin.StatusCode);
        Assert.Contains("/login?returnUrl=", toLogin.Headers.Location!.OriginalString, StringComparison.Ordinal);

        using var image = new HttpRequestMessage(HttpMethod.Get, "/apple-touch-icon.png") { Headers = { { "Sec-Fetch-Dest", "image" } } };
        using var refused = await browser.SendAsync(image);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.False(refused.Headers.Contains("Set-Cookie"));
    }
}
