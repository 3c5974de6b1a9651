using System.Net;
using Tongban.Integration.Tests.Infrastructure;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.People;

/// <summary>AB 双岗 through the API: absences, B acting for A, the both-away rule, escalation for sign-for silence, hand-back.</summary>
public sealed class AbPostTests : IAsyncLifetime
{
    // Monday 2026-11-23, 09:00 in the county.
    private readonly ManualClock _clock = new(ManualClock.Shanghai(2026, 11, 23));
    private readonly EmbeddedApp _app;

    public AbPostTests() => _app = new EmbeddedApp { Clock = _clock };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task While_A_is_absent_B_gets_the_work_and_acts_for_A_and_A_finds_it_on_the_hand_back_list()
    {
        var a = await _app.LoginAsync("hexi.backoffice");
        var b = await _app.LoginAsync("hexi.backoffice2");
        Assert.Equal(HttpStatusCode.Created, (await a.RegisterAbsenceAsync(PeopleApi.HexiPost, null, "2026-11-23", "2026-11-24")).StatusCode);
        var post = await a.GetObjectAsync($"/api/posts/{PeopleApi.HexiPost}");
        Assert.Equal("hexi.backoffice2", post["heldBy"]!.GetValue<string>());
        Assert.Equal("Backup", post["holdingKind"]!.GetValue<string>());

        var id = await PeopleApi.CaseAwaitingSignForAsync(_app);
        Assert.Equal(HttpStatusCode.Forbidden, (await a.ActAsync(id, "sign-for")).StatusCode);
        await b.DoAsync(id, "sign-for");
        var accepted = await b.DoAsync(id, "accept");
        var last = accepted["history"]!.AsArray()[^1]!;
        Assert.Equal("hexi.backoffice2", last["actorId"]!.GetValue<string>());
        Assert.Equal("hexi.backoffice", last["actingFor"]!.GetValue<string>());
        Assert.Contains(accepted["holders"]!.AsArray(), h => h!["staffId"]!.GetValue<string>() == "hexi.backoffice2" && h["actingFor"]!.GetValue<string>() == "hexi.backoffice");

        // A is back on Wednesday: B no longer acts at the post, A does and sees what B did.
        _clock.Set(ManualClock.Shanghai(2026, 11, 25));
        Assert.Equal(HttpStatusCode.Forbidden, (await b.ActAsync(id, "handle")).StatusCode);
        var handBack = await a.GetArrayAsync($"/api/posts/{PeopleApi.HexiPost}/hand-back");
        Assert.Equal(["SignFor", "Accept"], handBack.Select(r => r!["action"]!.GetValue<string>()));
        Assert.All(handBack, r => Assert.Equal("hexi.backoffice2", r!["actorId"]!.GetValue<string>()));
        Assert.Equal("Accepted", handBack[^1]!["caseStateNow"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await b.Http.GetAsync($"/api/posts/{PeopleApi.HexiPost}/hand-back")).StatusCode);
        await a.DoAsync(id, "handle");
    }

    [Fact]
    public async Task Leaving_A_and_B_absent_at_once_is_refused_unless_the_unit_head_names_a_cover_who_then_holds_the_post()
    {
        var a = await _app.LoginAsync("hexi.backoffice");
        var b = await _app.LoginAsync("hexi.backoffice2");
        var head = await _app.LoginAsync("hexi.head");
        var stranger = await _app.LoginAsync("dongmen.clerk");
        Assert.Equal(HttpStatusCode.Created, (await a.RegisterAbsenceAsync(PeopleApi.HexiPost, null, "2026-11-23", "2026-11-27")).StatusCode);

        var refused = await b.RegisterAbsenceAsync(PeopleApi.HexiPost, null, "2026-11-26", "2026-11-30");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("2026-11-26 至 2026-11-27", (await ProblemAsync(refused))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await b.RegisterAbsenceAsync(PeopleApi.HexiPost, null, "2026-11-26", "2026-11-30", cover: "hexi.head")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.RegisterAbsenceAsync(PeopleApi.HexiPost, "hexi.backoffice2", "2026-11-26", "2026-11-30")).StatusCode);
        var badDates = await b.RegisterAbsenceAsync(PeopleApi.HexiPost, null, "2026-11-30", "2026-11-26");
        Assert.Equal(HttpStatusCode.BadRequest, badDates.StatusCode);
        Assert.NotNull((await ProblemAsync(badDates))["errors"]!["to"]);

        // The cover must be staff of the township's own unit (here: the unit head, the only one besides A and B).
        Assert.Equal(HttpStatusCode.Created, (await head.RegisterAbsenceAsync(PeopleApi.HexiPost, "hexi.backoffice2", "2026-11-26", "2026-11-30", cover: "hexi.head")).StatusCode);

        var id = await PeopleApi.CaseAwaitingSignForAsync(_app);
        _clock.Set(ManualClock.Shanghai(2026, 11, 26));
        var post = await head.GetObjectAsync($"/api/posts/{PeopleApi.HexiPost}");
        Assert.Equal("hexi.head", post["heldBy"]!.GetValue<string>());
        Assert.Equal("Cover", post["holdingKind"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await b.ActAsync(id, "sign-for")).StatusCode);
        var signed = await head.DoAsync(id, "sign-for");
        Assert.Equal("hexi.backoffice", signed["history"]!.AsArray()[^1]!["actingFor"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_present_but_silent_past_the_sign_for_limit_sends_the_case_to_B_and_both_are_told()
    {
        var a = await _app.LoginAsync("hexi.backoffice");
        var b = await _app.LoginAsync("hexi.backoffice2");
        var id = await PeopleApi.CaseAwaitingSignForAsync(_app);
        Assert.Equal(HttpStatusCode.Forbidden, (await b.ActAsync(id, "sign-for")).StatusCode);

        // Sign for within 1 working day: due end of Tue 24 Nov. On Wednesday it goes to B.
        _clock.Set(ManualClock.Shanghai(2026, 11, 25, 10));
        Assert.Single(await b.WaitForNotificationsAsync("escalated-to-backup", id));
        Assert.Single(await a.WaitForNotificationsAsync("escalated-to-backup", id));
        Assert.True((await b.GetCaseAsync(id))["escalatedToBackup"]!.GetValue<bool>());

        var signed = await b.DoAsync(id, "sign-for");
        Assert.Equal("hexi.backoffice", signed["history"]!.AsArray()[^1]!["actingFor"]!.GetValue<string>());
        await b.DoAsync(id, "accept");

        // Another case at the same post, not escalated: B still may not act on it while A is present.
        var other = await PeopleApi.CaseAwaitingSignForAsync(_app);
        Assert.Equal(HttpStatusCode.Forbidden, (await b.ActAsync(other, "sign-for")).StatusCode);
        await a.DoAsync(other, "sign-for");
    }
}
