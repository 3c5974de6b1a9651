using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tongban.Integration.Tests.Infrastructure;
using Tongban.Workflows.Runtime.Persistence;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.People;

/// <summary>差评整改 with confidential raters, the seal ledger on a township decision, and refused actions in the audit trail.</summary>
public sealed class EvaluationSealAuditTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new(ManualClock.Shanghai(2026, 11, 23));
    private readonly EmbeddedApp _app;

    public EvaluationSealAuditTests() => _app = new EmbeddedApp { Clock = _clock };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_bad_rating_opens_a_rectification_item_with_its_deadlines_for_the_township_without_naming_rater_or_clerk()
    {
        var clerk = await _app.LoginAsync("dongmen.clerk2"); // the B clerk records the rating while A is away
        var township = await _app.LoginAsync("hexi.backoffice");
        var id = await DecidedAsync(township, seal: new { seal = "河西乡审批服务专用章", document = "高龄津贴核准通知书" });
        var a = await _app.LoginAsync("dongmen.clerk");
        await a.WaitForStateAsync(id, "AwaitingDelivery");
        await a.DoAsync(id, "deliver", new { method = "Window" });
        Assert.Equal(HttpStatusCode.Created, (await a.RegisterAbsenceAsync("dongmen-window", null, "2026-11-24", "2026-11-24")).StatusCode);
        _clock.Set(ManualClock.Shanghai(2026, 11, 24));
        await clerk.DoAsync(id, "evaluate", new { level = 5 });

        var items = await township.GetArrayAsync("/api/rectifications");
        var item = Assert.Single(items)!;
        Assert.Equal("hexi", item["jurisdictionId"]!.GetValue<string>());
        // Rated Tue 24 Nov: contact within 1 working day (Wed 25 Nov), rectify within 15 (Tue 15 Dec).
        Assert.Equal(ManualClock.Shanghai(2026, 11, 25, 23, 59).AddSeconds(59), item["contactDueAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(ManualClock.Shanghai(2026, 12, 15, 23, 59).AddSeconds(59), item["rectifyDueAt"]!.GetValue<DateTimeOffset>());
        Assert.DoesNotContain("dongmen.clerk", items.ToJsonString(), StringComparison.Ordinal);
        var view = await township.GetCaseAsync(id);
        Assert.DoesNotContain("dongmen.clerk2", view["history"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("dongmen.clerk2", view["holders"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(await township.GetArrayAsync("/api/notifications"), n => n!["kind"]!.GetValue<string>() == "rectification");

        var itemId = item["id"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.Conflict, (await township.Http.PostAsJsonAsync($"/api/rectifications/{itemId}/revisit", new { note = "回访", satisfied = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.Http.PostAsJsonAsync($"/api/rectifications/{itemId}/contact", new { note = "已联系" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await township.Http.PostAsJsonAsync($"/api/rectifications/{itemId}/contact", new { note = "已电话联系申请人" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await township.Http.PostAsJsonAsync($"/api/rectifications/{itemId}/rectify", new { note = "已改进告知方式" })).StatusCode);
        var revisited = await township.Http.PostAsJsonAsync($"/api/rectifications/{itemId}/revisit", new { note = "申请人表示满意", satisfied = true });
        Assert.Equal(HttpStatusCode.OK, revisited.StatusCode);
        Assert.Empty(await township.GetArrayAsync("/api/rectifications"));
    }

    [Fact]
    public async Task A_township_decision_with_its_seal_is_in_the_seal_ledger_and_a_refused_action_is_audited_as_denied()
    {
        var township = await _app.LoginAsync("hexi.backoffice");
        var b = await _app.LoginAsync("hexi.backoffice2");
        var id = await PeopleApi.CaseAwaitingSignForAsync(_app);
        Assert.Equal(HttpStatusCode.Forbidden, (await b.ActAsync(id, "sign-for")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await township.ActAsync(id, "accept")).StatusCode);
        await township.DoAsync(id, "sign-for");
        await township.DoAsync(id, "accept");
        await township.DoAsync(id, "handle");
        var bad = await township.ActAsync(id, "decide", new { approved = true, text = "准予", seal = new { seal = "" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.NotNull((await ProblemAsync(bad))["errors"]!["seal.document"]);
        var decided = await township.DoAsync(id, "decide", new { approved = true, text = "准予", seal = new { seal = "河西乡审批服务专用章", document = "核准通知书" } });

        var use = Assert.Single(decided["sealUses"]!.AsArray())!;
        Assert.Equal("河西乡审批服务专用章", use["seal"]!.GetValue<string>());
        Assert.Equal("hexi.backoffice", use["usedBy"]!.GetValue<string>());

        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        var denied = await db.AuditRecords.Where(r => r.CaseId == id && r.Outcome == "denied").OrderBy(r => r.At).ToListAsync();
        Assert.Equal(["hexi.backoffice2", "hexi.backoffice"], denied.Select(r => r.ActorId));
        Assert.Equal(["case.SignFor", "case.Accept"], denied.Select(r => r.Action));
    }

    private async Task<Guid> DecidedAsync(StaffClient township, object seal)
    {
        var id = await PeopleApi.CaseAwaitingSignForAsync(_app);
        await township.DoAsync(id, "sign-for");
        await township.DoAsync(id, "accept");
        await township.DoAsync(id, "handle");
        await township.DoAsync(id, "decide", new { approved = true, text = "准予", seal });
        return id;
    }
}
