using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tongban.Integration.Tests.Infrastructure;
using Tongban.Workflows.Runtime.Persistence;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.Embedded;

/// <summary>Two clerks acting on one case: one wins, the other gets 409, nothing is half-applied.</summary>
public sealed class ConcurrencyTests : IAsyncLifetime
{
    private readonly EmbeddedApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Two_sign_fors_of_the_same_case_at_once_leave_one_sign_for()
    {
        // The holder in two browser tabs (B acts only while A is away or on escalated cases, so A races A).
        var township = await _app.LoginAsync("hexi.backoffice");
        var backup = await _app.LoginAsync("hexi.backoffice");
        var id = await CaseAwaitingSignForAsync();

        for (var round = 0; round < 3; round++)
        {
            var version = (await township.GetCaseAsync(id))["version"]!.GetValue<int>();
            var responses = await Task.WhenAll(township.ActAsync(id, "sign-for"), backup.ActAsync(id, "sign-for"));
            var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
            Assert.True(responses.Count(r => r.StatusCode == HttpStatusCode.OK) == 1, string.Join(" | ", responses.Select((r, i) => $"{(int)r.StatusCode} {bodies[i]}")));
            Assert.True(responses.Count(r => r.StatusCode == HttpStatusCode.Conflict) == 1, string.Join(" | ", responses.Select((r, i) => $"{(int)r.StatusCode} {bodies[i]}")));
            Assert.Equal("SignedFor", StateOf(await township.GetCaseAsync(id)));
            Assert.Equal(version + 1, (await township.GetCaseAsync(id))["version"]!.GetValue<int>());

            // Put the case back in front of the post for the next round: return for correction, resubmit.
            // A second return needs the unit head's approval (一次性告知).
            if (round > 0)
            {
                var head = await _app.LoginAsync("hexi.head");
                var approval = await head.Http.PostAsJsonAsync($"/api/cases/{id}/second-correction-approvals", new { reason = "测试：再次补正" });
                Assert.Equal(HttpStatusCode.Created, approval.StatusCode);
            }

            await township.DoAsync(id, "return-for-correction", new { missing = new[] { new { code = "PHOTO", problem = "照片不清晰" } } });
            var clerk = await _app.LoginAsync("dongmen.clerk");
            await clerk.WaitForStateAsync(id, "AwaitingCorrection");
            await clerk.DoAsync(id, "resubmit", new { materials = new[] { "PHOTO" } });
            await township.WaitForStateAsync(id, "AwaitingSignFor");
        }

        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        var history = await db.CaseHistory.Where(h => h.CaseId == id).OrderBy(h => h.Sequence).Select(h => h.Sequence).ToListAsync();
        Assert.Equal(Enumerable.Range(1, history.Count), history);
        Assert.Equal(3, await db.CaseHistory.CountAsync(h => h.CaseId == id && h.Action == Workflows.Cases.CaseAction.SignFor));
    }

    [Fact]
    public async Task An_action_on_a_stale_version_is_409_and_changes_nothing()
    {
        var township = await _app.LoginAsync("hexi.backoffice");
        var id = await CaseAwaitingSignForAsync();
        var seen = (await township.GetCaseAsync(id))["version"]!.GetValue<int>();

        Assert.Equal(HttpStatusCode.OK, (await township.ActAsync(id, "sign-for", ifMatch: seen)).StatusCode);
        var stale = await township.ActAsync(id, "accept", ifMatch: seen);

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("SignedFor", StateOf(await township.GetCaseAsync(id)));
    }

    private async Task<Guid> CaseAwaitingSignForAsync()
    {
        var clerk = await _app.LoginAsync("dongmen.clerk");
        var specialist = await _app.LoginAsync("dongmen.specialist");
        var id = IdOf(await clerk.OpenCaseAsync());
        await specialist.WaitForStateAsync(id, "AtSpecialist");
        await specialist.DoAsync(id, "forward");
        await specialist.WaitForStateAsync(id, "AwaitingSignFor");
        return id;
    }
}
