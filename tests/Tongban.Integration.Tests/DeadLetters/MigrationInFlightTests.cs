using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tongban.Integration.Tests.Infrastructure;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.Persistence;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.DeadLetters;

/// <summary>
/// A case caught in a hand-off (its message dead-lettered, so it stays in transit) and migrated by a plan: into
/// another participant's node it is refused; onto the node it was being handed to it moves, and the hand-off, when
/// it finally arrives (replayed), is dropped rather than failing again.
/// </summary>
public sealed class MigrationInFlightTests : IAsyncLifetime
{
    private const string Township = "shiqiao";

    // The back-office post is moved in the database directly (as another process would): no cached post assignments.
    private readonly EmbeddedApp _app = new() { Settings = { ["Bus:RetryIntervals"] = "20,20", ["Auth:PostCacheSeconds"] = "0" } };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_case_in_a_hand_off_moves_only_to_the_receiving_participant_and_the_late_hand_off_is_dropped()
    {
        var clerk = await _app.LoginAsync("nanhu.clerk");
        var specialist = await _app.LoginAsync("nanhu.specialist");
        var township = await _app.LoginAsync($"{Township}.backoffice");
        var bureau = await _app.LoginAsync("bureau.supervisor");
        var admin = await _app.LoginAsync("county.admin");
        var id = IdOf(await clerk.OpenCaseAsync(IntakeBody(township: Township)));
        await specialist.WaitForStateAsync(id, "AtSpecialist");
        await MoveBackOfficePostAsync(Township, "shiqiao-retired");
        await specialist.DoAsync(id, "forward");
        var letter = await DeadLetterApi.WaitForOpenAsync(bureau, id, TimeSpan.FromSeconds(30));
        await MoveBackOfficePostAsync("shiqiao-retired", Township);
        Assert.Equal("ForwardedToTownship", StateOf(await clerk.GetCaseAsync(id)));

        var v2 = JsonNode.Parse(await File.ReadAllTextAsync(RepoPaths.Data("routes/cross-jurisdiction.v1.json")))!;
        v2["version"] = 2;
        Assert.Equal(HttpStatusCode.Created, (await admin.Http.PostAsync("/api/routes", new StringContent(v2.ToJsonString(), Encoding.UTF8, "application/json"))).StatusCode);

        var wrong = await PlanAsync(admin, "AtSpecialist");
        Assert.StartsWith("HandOffInFlight", Single(wrong)["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("refused", Single(wrong)["status"]!.GetValue<string>());

        var right = await PlanAsync(admin, "AwaitingSignFor");
        Assert.Equal("planned", Single(right)["status"]!.GetValue<string>());
        var executed = (await (await admin.Http.PostAsync($"/api/routes/migrations/{right["id"]}/execute", null)).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(1, executed["movedNow"]!.GetValue<int>());
        var moved = await township.GetCaseAsync(id);
        Assert.Equal(("AwaitingSignFor", "QS-MZ-001@v2"), (StateOf(moved), moved["definitionId"]!.GetValue<string>()));

        // The hand-off arrives after all: dropped (committed in the inbox), not received twice nor dead-lettered again.
        var replay = await DeadLetterApi.ReplayAsync(bureau, letter["id"]!.GetValue<Guid>());
        Assert.True(replay.IsSuccessStatusCode, await replay.Content.ReadAsStringAsync());
        await WaitForInboxAsync(letter["messageId"]!.GetValue<Guid>(), TimeSpan.FromSeconds(30));
        var after = await township.GetCaseAsync(id);
        Assert.Equal("AwaitingSignFor", StateOf(after));
        Assert.Equal(0, DeadLetterApi.TownshipReceives(after));
        Assert.Empty(await DeadLetterApi.ListAsync(bureau, "Open"));
        Assert.Equal("SignedFor", StateOf(await township.DoAsync(id, "sign-for")));
    }

    private static JsonObject Single(JsonObject plan) => Assert.Single(plan["cases"]!.AsArray())!.AsObject();

    private static async Task<JsonObject> PlanAsync(Testing.StaffClient admin, string target)
    {
        var response = await admin.Http.PostAsJsonAsync("/api/routes/migrations", new
        {
            sourceRoute = "cross-jurisdiction@1",
            targetRoute = "cross-jurisdiction@2",
            mapping = new Dictionary<string, string> { ["ForwardedToTownship"] = target },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private async Task WaitForInboxAsync(Guid messageId, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            await using (var scope = _app.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
                if (await db.Inbox.AnyAsync(m => m.MessageId == messageId && m.Consumer == "HandOffCaseConsumer")) return;
            }

            Assert.True(DateTime.UtcNow < until, $"hand-off {messageId} was not consumed within {timeout}");
            await Task.Delay(100);
        }
    }

    private async Task MoveBackOfficePostAsync(string from, string to)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        Assert.Equal(1, await db.Posts.Where(p => p.JurisdictionId == from && p.Role == PostRole.BackOffice).ExecuteUpdateAsync(s => s.SetProperty(p => p.JurisdictionId, to)));
    }
}
