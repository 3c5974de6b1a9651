using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tongban.Gateway.Auth;
using Tongban.Integration.Tests.FrontDoors;
using Tongban.Integration.Tests.Infrastructure;
using Tongban.Testing;
using Tongban.Workflows.Runtime.Organisation;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Integration.Tests.Security;

/// <summary>
/// Hardening 3/4: a token or session cookie counts only while the staff table says so (account exists and is active,
/// session stamp unchanged by a logout), and the roles are the table's roles now, not the ones in the token.
/// </summary>
public sealed class StaffSessionTests
{
    [Fact]
    public async Task A_token_of_a_disabled_account_stops_working_after_the_cache_time()
    {
        var clock = new ManualClock();
        await using var app = new EmbeddedApp { Clock = clock };
        using var clerk = await app.LoginAsync("dongmen.clerk");
        Assert.Equal(HttpStatusCode.OK, (await clerk.Http.GetAsync("/api/catalog")).StatusCode);

        await UpdateStaffAsync(app, "dongmen.clerk", s => s.Active = false);
        // The staff row is cached for Auth:StaffCacheSeconds (5 s by default) so a busy API does not read it per request.
        Assert.Equal(HttpStatusCode.OK, (await clerk.Http.GetAsync("/api/catalog")).StatusCode);

        clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(HttpStatusCode.Unauthorized, (await clerk.Http.GetAsync("/api/catalog")).StatusCode);
        var login = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { username = "dongmen.clerk", password = StaffClient.DemoPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Fact]
    public async Task A_role_removed_in_the_table_is_gone_from_the_next_request()
    {
        await using var app = NoCache();
        using var auditor = await app.LoginAsync("bureau.auditor");
        Assert.Equal(HttpStatusCode.OK, (await auditor.Http.GetAsync("/api/audit/verify")).StatusCode);

        await UpdateStaffAsync(app, "bureau.auditor", s => s.Roles = []);

        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.Http.GetAsync("/api/audit/verify")).StatusCode);
    }

    [Fact]
    public async Task Api_logout_ends_the_token()
    {
        await using var app = NoCache();
        using var clerk = await app.LoginAsync("dongmen.clerk");
        using var sameClerkElsewhere = await app.LoginAsync("dongmen.clerk");

        Assert.Equal(HttpStatusCode.NoContent, (await clerk.Http.PostAsync("/api/auth/logout", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await clerk.Http.GetAsync("/api/catalog")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await sameClerkElsewhere.Http.GetAsync("/api/catalog")).StatusCode);
        using var again = await app.LoginAsync("dongmen.clerk");
        Assert.Equal(HttpStatusCode.OK, (await again.Http.GetAsync("/api/catalog")).StatusCode);
    }

    [Fact]
    public async Task Page_logout_ends_the_sessions_of_that_person()
    {
        await using var app = NoCache();
        var browser = await PageClient.LoginAsync(app, "dongmen.clerk");
        var otherBrowser = await PageClient.LoginAsync(app, "dongmen.clerk");
        // The other browser's cookie was issued before the logout, like the one the first browser drops.
        await otherBrowser.GetPageAsync("/logout");
        var logoutPage = await browser.GetPageAsync("/logout");

        var logout = await browser.PostFormAsync("/logout", logoutPage, []);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        var response = await otherBrowser.Http.GetAsync("/logout");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_minted_with_the_key_ring_for_someone_who_does_not_exist_is_refused()
    {
        await using var app = NoCache();
        using var http = app.CreateClient();
        var protector = app.Services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(BearerTokenDefaults.AuthenticationScheme).BearerTokenProtector;
        string Mint(string id) => protector.Protect(new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id), new Claim(ClaimTypes.Name, id), new Claim(ClaimTypes.Role, "Administrator"), StaffSessions.Stamp(null)], BearerTokenDefaults.AuthenticationScheme)),
            new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UtcNow.AddHours(1) },
            BearerTokenDefaults.AuthenticationScheme));

        // The key ring does mint working tokens (for a real account, whose roles then come from the table) ...
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Mint("dongmen.clerk"));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/catalog")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.PutAsync("/api/calendars/2027", JsonContent.Create(new { year = 2027 }))).StatusCode);

        // ... but not for someone the staff table does not know.
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Mint("nobody.here"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/catalog")).StatusCode);
    }

    private static EmbeddedApp NoCache()
    {
        var app = new EmbeddedApp();
        app.Settings["Auth:StaffCacheSeconds"] = "0";
        return app;
    }

    private static async Task UpdateStaffAsync(EmbeddedApp app, string id, Action<Staff> change)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        change(await db.Staff.SingleAsync(s => s.Id == id));
        await db.SaveChangesAsync();
    }
}
