using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tongban.Integration.Tests.Infrastructure;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.TimeLimits;

/// <summary>The bureau's overdue and at-risk view: counts by jurisdiction and item, filters, who held it when it turned red.</summary>
public sealed class BureauOverdueTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new(ManualClock.Shanghai(2026, 11, 23));
    private readonly EmbeddedApp _app;

    public BureauOverdueTests() => _app = new EmbeddedApp { Clock = _clock };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_case_not_signed_for_in_time_is_red_in_its_townships_count_and_names_who_held_it()
    {
        var clerk = await _app.LoginAsync("dongmen.clerk");
        var specialist = await _app.LoginAsync("dongmen.specialist");
        var late = IdOf(await clerk.OpenCaseAsync());
        await specialist.WaitForStateAsync(late, "AtSpecialist");
        await specialist.DoAsync(late, "forward");
        await specialist.WaitForStateAsync(late, "AwaitingSignFor");

        // Sign-for within 1 working day (due end of Tue 24 Nov); on Wed it is red at 河西乡's back office.
        _clock.Set(ManualClock.Shanghai(2026, 11, 25, 10));
        var fresh = IdOf(await clerk.OpenCaseAsync(IntakeBody(township: "shiqiao")));
        await specialist.WaitForStateAsync(fresh, "AtSpecialist");
        var bureau = await _app.LoginAsync("bureau.supervisor");
        await WaitUntilAsync(async () => (await bureau.Http.GetFromJsonAsync<JsonArray>("/api/bureau/supervision"))!.Count >= 1);

        var red = await bureau.Http.GetFromJsonAsync<JsonObject>("/api/bureau/cases?colour=Red");
        var hexi = red!["byJurisdiction"]!.AsArray().Single(j => j!["key"]!.GetValue<string>() == "hexi")!;
        Assert.Equal(1, hexi["red"]!.GetValue<int>());
        var row = red["rows"]!.AsArray().Single(r => r!["id"]!.GetValue<Guid>() == late)!;
        Assert.Equal("signFor", row["whenRed"]!["scope"]!.GetValue<string>());
        Assert.Equal("hexi-backoffice", row["whenRed"]!["postId"]!.GetValue<string>());
        Assert.Equal("hexi.backoffice", row["whenRed"]!["holderStaffId"]!.GetValue<string>());
        Assert.DoesNotContain(red["rows"]!.AsArray(), r => r!["id"]!.GetValue<Guid>() == fresh);

        var byItem = (await bureau.Http.GetFromJsonAsync<JsonObject>("/api/bureau/cases?colour=Red&item=QS-MZ-001"))!;
        Assert.Equal(1, byItem["total"]!.GetValue<int>());
        var otherTownship = (await bureau.Http.GetFromJsonAsync<JsonObject>("/api/bureau/cases?colour=Red&jurisdiction=shiqiao"))!;
        Assert.Equal(0, otherTownship["total"]!.GetValue<int>());

        // Staff outside the bureau cannot ask; a bad colour is a 400 on that field.
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.Http.GetAsync("/api/bureau/cases")).StatusCode);
        var bad = await bureau.Http.GetAsync("/api/bureau/cases?colour=purple");
        Assert.True((await ProblemAsync(bad))["errors"]!.AsObject().ContainsKey("colour"));

        // Signing for it closes the stage's supervision item.
        var township = await _app.LoginAsync("hexi.backoffice");
        await township.DoAsync(late, "sign-for");
        Assert.Empty((await bureau.Http.GetFromJsonAsync<JsonArray>("/api/bureau/supervision"))!);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met");
            await Task.Delay(100);
        }
    }
}
