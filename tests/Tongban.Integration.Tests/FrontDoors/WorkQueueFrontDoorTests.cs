using System.Text.Json.Nodes;
using Tongban.Integration.Tests.Infrastructure;
using Tongban.Integration.Tests.People;

namespace Tongban.Integration.Tests.FrontDoors;

/// <summary>
/// 待办 at both doors: the same situation asked through <c>GET /api/work-queue</c> and the page <c>/queue</c> gives
/// the same cases in the same order. B while A is present sees only the cases escalated to B; A sees all.
/// </summary>
public sealed class WorkQueueFrontDoorTests : IAsyncLifetime
{
    // Monday 2026-11-23, 09:00 in the county.
    private readonly ManualClock _clock = new(ManualClock.Shanghai(2026, 11, 23));
    private readonly EmbeddedApp _app;

    public WorkQueueFrontDoorTests() => _app = new EmbeddedApp { Clock = _clock };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task B_while_A_is_present_sees_only_the_escalated_case_through_the_page_and_the_api()
    {
        // Not signed for within 1 working day (due end of Tue 24 Nov): on Wednesday it goes to B.
        var escalated = await PeopleApi.CaseAwaitingSignForAsync(_app);
        _clock.Set(ManualClock.Shanghai(2026, 11, 25, 10));
        var bApi = await _app.LoginAsync("hexi.backoffice2");
        Assert.Single(await bApi.WaitForNotificationsAsync("escalated-to-backup", escalated));
        var waiting = await PeopleApi.CaseAwaitingSignForAsync(_app);
        var aApi = await _app.LoginAsync("hexi.backoffice");

        var bPage = await PageSession.LoginAsync(_app, "hexi.backoffice2");
        var aPage = await PageSession.LoginAsync(_app, "hexi.backoffice");
        var bThroughApi = Ids(await bApi.GetArrayAsync("/api/work-queue"));
        var bThroughPage = PageSession.CaseIdsIn(await bPage.GetAsync("/queue"), "queue");
        Assert.Equal([escalated], bThroughApi);
        Assert.Equal(bThroughApi, bThroughPage);

        // A holds the post: both cases, the overdue one first, at both doors.
        var aThroughApi = Ids(await aApi.GetArrayAsync("/api/work-queue"));
        Assert.Equal([escalated, waiting], aThroughApi);
        Assert.Equal(aThroughApi, PageSession.CaseIdsIn(await aPage.GetAsync("/queue"), "queue"));
        Assert.Equal(aThroughApi, PageSession.CaseIdsIn(await aPage.GetAsync($"/queue?post={PeopleApi.HexiPost}"), "queue"));
        Assert.Equal(aThroughApi, Ids(await aApi.GetArrayAsync($"/api/work-queue?post={PeopleApi.HexiPost}")));
    }

    [Fact]
    public async Task A_limit_out_of_range_is_refused_on_that_field()
    {
        var specialist = await _app.LoginAsync("dongmen.specialist");
        var response = await specialist.Http.GetAsync("/api/work-queue?limit=0");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await StaffClient.ProblemAsync(response))["errors"]!.AsObject().ContainsKey("limit"));
    }

    private static List<Guid> Ids(JsonArray rows) => [.. rows.Select(r => r!["id"]!.GetValue<Guid>())];
}
