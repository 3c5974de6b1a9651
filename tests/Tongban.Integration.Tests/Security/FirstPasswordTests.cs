using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tongban.Integration.Tests.FrontDoors;
using Tongban.Integration.Tests.Infrastructure;
using Tongban.Workflows.Auditing;
using Tongban.Workflows.Runtime.Persistence;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.Security;

/// <summary>
/// Hardening 7: an account loaded without a password cannot sign in; the administrator sets a one-time first
/// password (audited), and signing in with it only allows changing it — through the API and through the pages.
/// </summary>
public sealed class FirstPasswordTests : IAsyncLifetime
{
    private const string Account = "dongmen.specialist";
    private const string FirstPassword = "Erstes-Kennwort-2026";
    private const string OwnPassword = "Mein-eigenes-Kennwort-9";
    private readonly EmbeddedApp _app = new();

    public async Task InitializeAsync()
    {
        _app.Settings["Auth:StaffCacheSeconds"] = "0";
        // As the county-file loader leaves an account when no demo password is given.
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        await db.Staff.Where(s => s.Id == Account).ExecuteUpdateAsync(u => u.SetProperty(s => s.PasswordHash, "!"));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Through_the_api_the_administrator_sets_a_first_password_that_only_allows_changing_it()
    {
        using var http = _app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(http, Account, "anything-at-all")).StatusCode);

        using var clerk = await _app.LoginAsync("dongmen.clerk");
        Assert.Equal(HttpStatusCode.Forbidden, (await SetAsync(clerk, FirstPassword)).StatusCode);

        using var admin = await _app.LoginAsync("county.admin");
        await AssertFieldAsync(await SetAsync(admin, new string('x', 9)), "password");
        await AssertFieldAsync(await SetAsync(admin, new string('x', 129)), "password");
        await AssertFieldAsync(await SetAsync(admin, "zehn\u202EZeichen!"), "password");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Http.PostAsJsonAsync("/api/staff/nobody.here/first-password", new { password = FirstPassword })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SetAsync(admin, FirstPassword)).StatusCode);

        // The first password signs in to nothing but the change.
        var login = await LoginAsync(http, Account, FirstPassword);
        Assert.Equal(HttpStatusCode.Forbidden, login.StatusCode);
        var problem = await ProblemAsync(login);
        Assert.Equal("urn:tongban:problem:password-change-required", problem["type"]!.GetValue<string>());
        Assert.Null(problem["accessToken"]);

        Assert.Equal(HttpStatusCode.Unauthorized, (await ChangeAsync(http, "wrong-current-password", OwnPassword)).StatusCode);
        await AssertFieldAsync(await ChangeAsync(http, FirstPassword, "short"), "newPassword");
        await AssertFieldAsync(await ChangeAsync(http, FirstPassword, FirstPassword), "newPassword");
        Assert.Equal(HttpStatusCode.NoContent, (await ChangeAsync(http, FirstPassword, OwnPassword)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(http, Account, FirstPassword)).StatusCode);
        var own = await LoginAsync(http, Account, OwnPassword);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);

        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        var audited = await db.AuditRecords.Where(r => r.Subject == AuditSubjects.Staff(Account)).OrderBy(r => r.Sequence).Select(r => new { r.ActorId, r.Action, r.Outcome }).ToListAsync();
        Assert.Equal(
            [("dongmen.clerk", AuditActions.FirstPassword, AuditOutcomes.Denied), ("county.admin", AuditActions.FirstPassword, AuditOutcomes.Ok), (Account, AuditActions.PasswordChange, AuditOutcomes.Ok)],
            audited.Select(a => (a.ActorId, a.Action, a.Outcome)));
    }

    [Fact]
    public async Task Through_the_pages_the_first_password_leads_to_the_change_password_page_and_then_to_a_normal_sign_in()
    {
        var clerk = await PageClient.LoginAsync(_app, "dongmen.clerk");
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.Http.GetAsync("/admin/first-password")).StatusCode);

        var admin = await PageClient.LoginAsync(_app, "county.admin");
        var form = await admin.GetPageAsync("/admin/first-password");
        var tooShort = await admin.PostFormAsync("/admin/first-password", form, [new("username", Account), new("password", "kurz")]);
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Contains("10 至 128", PageClient.TextOf(await tooShort.Content.ReadAsStringAsync(), "password-error"), StringComparison.Ordinal);
        var set = await admin.PostFormAsync("/admin/first-password", form, [new("username", Account), new("password", FirstPassword)]);
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Contains(Account, PageClient.TextOf(await admin.GetPageAsync("/admin/first-password"), "first-password-done"), StringComparison.Ordinal);

        var user = PageClient.Anonymous(_app);
        var loginPage = await user.GetPageAsync("/login");
        var login = await user.PostFormAsync("/login", loginPage, [new("username", Account), new("password", FirstPassword)]);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.StartsWith("/change-password", login.Headers.Location!.OriginalString, StringComparison.Ordinal);
        // No session came with it.
        Assert.Equal(HttpStatusCode.Redirect, (await user.Http.GetAsync("/queue")).StatusCode);

        var changePage = await user.GetPageAsync(login.Headers.Location.OriginalString);
        Assert.Equal(Account, PageClient.InputValue(changePage, "username"));
        var mismatch = await user.PostFormAsync("/change-password", changePage, [new("username", Account), new("currentPassword", FirstPassword), new("newPassword", OwnPassword), new("confirmPassword", OwnPassword + "x")]);
        Assert.Equal("两次输入的新密码不一致。", PageClient.TextOf(await mismatch.Content.ReadAsStringAsync(), "confirmPassword-error"));
        var changed = await user.PostFormAsync("/change-password", changePage, [new("username", Account), new("currentPassword", FirstPassword), new("newPassword", OwnPassword), new("confirmPassword", OwnPassword)]);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.StartsWith("/login", changed.Headers.Location!.OriginalString, StringComparison.Ordinal);

        loginPage = await user.GetPageAsync(changed.Headers.Location.OriginalString);
        Assert.Contains("密码已修改", PageClient.TextOf(loginPage, "password-changed"), StringComparison.Ordinal);
        var signedIn = await user.PostFormAsync("/login", loginPage, [new("username", Account), new("password", OwnPassword)]);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await user.Http.GetAsync("/queue")).StatusCode);
    }

    private static Task<HttpResponseMessage> LoginAsync(HttpClient http, string username, string password) =>
        http.PostAsJsonAsync("/api/auth/login", new { username, password });

    private static Task<HttpResponseMessage> SetAsync(StaffClient admin, string password) =>
        admin.Http.PostAsJsonAsync($"/api/staff/{Account}/first-password", new { password });

    private static Task<HttpResponseMessage> ChangeAsync(HttpClient http, string current, string next) =>
        http.PostAsJsonAsync("/api/auth/change-password", new { username = Account, currentPassword = current, newPassword = next });

    private static async Task AssertFieldAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ProblemAsync(response))["errors"]!.AsObject().ContainsKey(field), await response.Content.ReadAsStringAsync());
    }
}
