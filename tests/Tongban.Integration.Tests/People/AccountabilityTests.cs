using System.Net;
using Tongban.Integration.Tests.Infrastructure;

namespace Tongban.Integration.Tests.People;

/// <summary>责任追究: the bureau sees, for an overdue case, who actually held it (B for an absent A), at which stage, since when.</summary>
public sealed class AccountabilityTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new(ManualClock.Shanghai(2026, 11, 23));
    private readonly EmbeddedApp _app;

    public AccountabilityTests() => _app = new EmbeddedApp { Clock = _clock };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task An_overdue_case_names_the_B_holder_who_held_it_while_A_was_away_with_stage_and_since()
    {
        var a = await _app.LoginAsync("hexi.backoffice");
        var id = await PeopleApi.CaseAwaitingSignForAsync(_app);
        Assert.Equal(HttpStatusCode.Created, (await a.RegisterAbsenceAsync(PeopleApi.HexiPost, null, "2026-12-14", "2026-12-16")).StatusCode);

        // Overall limit (15 working days) ends Mon 14 Dec; on Tue 15 Dec A is away.
        _clock.Set(ManualClock.Shanghai(2026, 12, 15, 10));
        var bureau = await _app.LoginAsync("bureau.supervisor");
        Assert.Equal(HttpStatusCode.Forbidden, (await a.Http.GetAsync("/api/bureau/accountability")).StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        System.Text.Json.Nodes.JsonNode? row;
        do
        {
            row = (await bureau.GetArrayAsync("/api/bureau/accountability")).FirstOrDefault(r => r!["caseId"]!.GetValue<Guid>() == id && r["overdueAt"] is not null);
            if (row is null) await Task.Delay(100);
        }
        while (row is null && DateTime.UtcNow < deadline);

        Assert.NotNull(row);
        var overall = row["periods"]!.AsArray().Single(p => p!["scope"]!.GetValue<string>() == "overall")!;
        Assert.Equal("hexi.backoffice2", overall["holderStaffId"]!.GetValue<string>());
        Assert.Equal("hexi-backoffice", overall["postId"]!.GetValue<string>());
        Assert.Equal("AwaitingSignFor", overall["state"]!.GetValue<string>());
        Assert.False(overall["extensionApplied"]!.GetValue<bool>());
        Assert.False(overall["clockWasStopped"]!.GetValue<bool>());
        Assert.Contains(row["periods"]!.AsArray(), p => p!["scope"]!.GetValue<string>() == "signFor");
    }
}
