using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Tongban.Integration.Tests.DeadLetters;
using Tongban.Integration.Tests.Infrastructure;
using Tongban.Workflows.Auditing;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.Persistence;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.FrontDoors;

/// <summary>
/// The bureau page 异常消息 and <c>POST /api/dead-letters/{id}/replay</c> are one use case: whichever door replays
/// first sends the hand-off, and a second replay through either door is 409 with the same reason, sent nothing.
/// </summary>
public sealed partial class DeadLetterFrontDoorTests : IAsyncLifetime
{
    private const string Township = "shiqiao";
    private const string Misplaced = "shiqiao-retired";

    // The back-office post is moved in the database directly (as another process would): no cached post assignments.
    private readonly EmbeddedApp _app = new() { Settings = { ["Bus:RetryIntervals"] = "20,20", ["Auth:PostCacheSeconds"] = "0" } };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_replay_through_the_page_or_the_api_is_sent_once_and_a_second_through_either_is_409()
    {
        var clerk = await _app.LoginAsync("nanhu.clerk");
        var specialist = await _app.LoginAsync("nanhu.specialist");
        var township = await _app.LoginAsync($"{Township}.backoffice");
        var bureau = await _app.LoginAsync("bureau.supervisor");
        var page = await BureauPageAsync("bureau.supervisor2");

        // Two hand-offs the township cannot receive while its post is filed under the wrong jurisdiction.
        var ids = new List<Guid>();
        for (var i = 0; i < 2; i++)
        {
            var id = IdOf(await clerk.OpenCaseAsync(IntakeBody(township: Township)));
            await specialist.WaitForStateAsync(id, "AtSpecialist");
            ids.Add(id);
        }

        await MoveBackOfficePostAsync(Township, Misplaced);
        foreach (var id in ids) await specialist.DoAsync(id, "forward");
        var viaPage = (await DeadLetterApi.WaitForOpenAsync(bureau, ids[0], TimeSpan.FromSeconds(30)))["id"]!.GetValue<Guid>();
        var viaApi = (await DeadLetterApi.WaitForOpenAsync(bureau, ids[1], TimeSpan.FromSeconds(30)))["id"]!.GetValue<Guid>();
        await MoveBackOfficePostAsync(Misplaced, Township);

        // The first letter: the page replays it; then the API and the page again are refused alike.
        var replayed = await ReplayOnPageAsync(page, viaPage);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        var apiAgain = await DeadLetterApi.ReplayAsync(bureau, viaPage);
        Assert.Equal(HttpStatusCode.Conflict, apiAgain.StatusCode);
        var reason = (await ProblemAsync(apiAgain))["detail"]!.GetValue<string>();
        Assert.Contains("bureau.supervisor2", reason, StringComparison.Ordinal);
        var pageAgain = await ReplayOnPageAsync(page, viaPage);
        Assert.Equal(HttpStatusCode.Conflict, pageAgain.StatusCode);
        Assert.Contains(reason, await pageAgain.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The second letter: the API replays it; then the page and the API again are refused alike.
        var apiFirst = await DeadLetterApi.ReplayAsync(bureau, viaApi);
        Assert.True(apiFirst.IsSuccessStatusCode, await apiFirst.Content.ReadAsStringAsync());
        var pageSecond = await ReplayOnPageAsync(page, viaApi);
        Assert.Equal(HttpStatusCode.Conflict, pageSecond.StatusCode);
        var apiSecond = await DeadLetterApi.ReplayAsync(bureau, viaApi);
        Assert.Equal(HttpStatusCode.Conflict, apiSecond.StatusCode);
        Assert.Contains((await ProblemAsync(apiSecond))["detail"]!.GetValue<string>(), await pageSecond.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Each hand-off arrived once; each replay is audited once, by whoever made it.
        foreach (var id in ids)
        {
            Assert.Equal(1, DeadLetterApi.TownshipReceives(await township.WaitForStateAsync(id, "AwaitingSignFor")));
        }

        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        var audit = await db.AuditRecords.AsNoTracking().Where(a => a.Action == AuditActions.DeadLetterReplay && a.Outcome == AuditOutcomes.Ok).ToListAsync();
        Assert.Single(audit, a => a.CaseId == ids[0] && a.ActorId == "bureau.supervisor2");
        Assert.Single(audit, a => a.CaseId == ids[1] && a.ActorId == "bureau.supervisor");
        Assert.Equal(2, audit.Count);
    }

    /// <summary>A browser-like client of the staff pages: session cookie, no redirects followed, signed in through the login form.</summary>
    private async Task<HttpClient> BureauPageAsync(string username)
    {
        var browser = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await browser.GetStringAsync("/login");
        var signedIn = await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = username, ["password"] = DemoPassword, ["returnUrl"] = "/", ["__af"] = AntiforgeryToken(login),
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return browser;
    }

    /// <summary>Presses 重新投递 on the list (or posts the same form once the button has gone, like a second tab would).</summary>
    private static async Task<HttpResponseMessage> ReplayOnPageAsync(HttpClient browser, Guid letterId)
    {
        var list = await browser.GetAsync("/bureau/dead-letters");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var html = await list.Content.ReadAsStringAsync();
        return await browser.PostAsync($"/bureau/dead-letters?id={letterId}&handler=Replay",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__af"] = AntiforgeryToken(html) }));
    }

    /// <summary>The token of any form on the page (the layout's sign-out form has one too): it is the session's, not the form's.</summary>
    private static string AntiforgeryToken(string html) =>
        AntiforgeryInput().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("no antiforgery token on the page");

    [GeneratedRegex("""<input[^>]*name="__af"[^>]*value="([^"]+)""")]
    private static partial Regex AntiforgeryInput();

    /// <summary>The misconfiguration that dead-letters the hand-off: the township's back-office post filed under another jurisdiction.</summary>
    private async Task MoveBackOfficePostAsync(string from, string to)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        var moved = await db.Posts.Where(p => p.JurisdictionId == from && p.Role == PostRole.BackOffice)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.JurisdictionId, to));
        Assert.Equal(1, moved);
    }
}
