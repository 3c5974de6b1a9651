using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tongban.Integration.Tests.Infrastructure;
using Tongban.Integration.Tests.People;
using Tongban.Workflows.Runtime.Persistence;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.FrontDoors;

/// <summary>
/// One front door: the same situation through the API and through the case page comes to the same outcome,
/// because both call the same use case — refusals audited as denied, the seal ledger, the personal-data view,
/// a lost race.
/// </summary>
public sealed class CaseFrontDoorTests : IAsyncLifetime
{
    private readonly EmbeddedApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_refused_route_action_is_403_or_409_and_audited_as_denied_from_both_doors()
    {
        var id = await PeopleApi.CaseAwaitingSignForAsync(_app);
        var hexiApi = await _app.LoginAsync("hexi.backoffice");
        var hexiPage = await CasePageClient.LoginAsync(_app, "hexi.backoffice");
        var version = await hexiPage.VersionShownAsync(id);

        // A township clerk of another township signs for 河西乡's case (at its current version): not their post.
        var api = await _app.LoginAsync("shiqiao.backoffice");
        var page = await CasePageClient.LoginAsync(_app, "shiqiao.backoffice");
        Assert.Equal(HttpStatusCode.Forbidden, (await api.ActAsync(id, "sign-for", ifMatch: version)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await page.PostAsync(id, "Act", ("action", "SignFor"), ("version", version.ToString()))).Status);

        // 河西乡 accepts before signing for it: does not fit the state.
        Assert.Equal(HttpStatusCode.Conflict, (await hexiApi.ActAsync(id, "accept")).StatusCode);
        var (status, html) = await hexiPage.PostAsync(id, "Act", ("action", "Accept"), ("version", version.ToString()));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("409", CasePageClient.TextOf(html, "action-error"), StringComparison.Ordinal);

        var denied = await DeniedAsync(id);
        Assert.Equal(2, denied.Count(r => r.Action == "case.SignFor" && r.ActorId == "shiqiao.backoffice"));
        Assert.Equal(2, denied.Count(r => r.Action == "case.Accept" && r.ActorId == "hexi.backoffice"));
        Assert.Equal(version, (await hexiApi.GetCaseAsync(id))["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_township_decision_with_its_seal_is_one_seal_ledger_row_from_either_door()
    {
        var township = await _app.LoginAsync("hexi.backoffice");
        var page = await CasePageClient.LoginAsync(_app, "hexi.backoffice");
        var throughApi = await HandlingAsync(township);
        var throughPage = await HandlingAsync(township);

        await township.DoAsync(throughApi, "decide", new { approved = true, text = "准予发放", seal = new { seal = "河西乡审批服务专用章", document = "高龄津贴核准通知书" } });
        var (status, _) = await page.PostAsync(throughPage, "Decide",
            ("version", (await page.VersionShownAsync(throughPage)).ToString()), ("approved", "true"), ("text", "准予发放"),
            ("seal", "河西乡审批服务专用章"), ("sealDocument", "高龄津贴核准通知书"));
        Assert.Equal(HttpStatusCode.Redirect, status);

        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        foreach (var id in new[] { throughApi, throughPage })
        {
            var use = Assert.Single(await db.SealUses.AsNoTracking().Where(s => s.CaseId == id).ToListAsync());
            Assert.Equal(("河西乡审批服务专用章", "高龄津贴核准通知书", "hexi.backoffice", "hexi"), (use.Seal, use.Document, use.UsedBy, use.JurisdictionId));
        }
    }

    [Fact]
    public async Task A_full_view_of_personal_data_is_refused_and_audited_alike_from_both_doors()
    {
        var clerk = await _app.LoginAsync("dongmen.clerk");
        var id = IdOf(await clerk.OpenCaseAsync());

        // Someone who may not see the case: 403, and a denied record each time.
        var api = await _app.LoginAsync("shiqiao.backoffice");
        var page = await CasePageClient.LoginAsync(_app, "shiqiao.backoffice");
        var refused = await api.Http.PostAsJsonAsync($"/api/cases/{id}/personal-data", new { reason = "想看看这个人" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var (status, html) = await page.PostAsync(id, "Reveal", ("reason", "想看看这个人"));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.DoesNotContain(ValidIdNumber, html, StringComparison.Ordinal);

        // A reason over 200 characters is refused, not cut, naming the field; nothing is shown or recorded.
        var clerkPage = await CasePageClient.LoginAsync(_app, "dongmen.clerk");
        var tooLong = new string('因', 201);
        var apiTooLong = await clerk.Http.PostAsJsonAsync($"/api/cases/{id}/personal-data", new { reason = tooLong });
        Assert.Equal(HttpStatusCode.BadRequest, apiTooLong.StatusCode);
        var apiMessage = (await ProblemAsync(apiTooLong))["errors"]!["reason"]![0]!.GetValue<string>();
        (status, html) = await clerkPage.PostAsync(id, "Reveal", ("reason", tooLong));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(apiMessage, CasePageClient.TextOf(html, "reason-error"));
        Assert.DoesNotContain(ValidIdNumber, html, StringComparison.Ordinal);

        // With a fitting reason the page shows the full numbers, audited like the API's view.
        (status, html) = await clerkPage.PostAsync(id, "Reveal", ("reason", "申请人来电核对身份证号"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(ValidIdNumber, CasePageClient.TextOf(html, "id-number"));

        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        var views = await db.AuditRecords.AsNoTracking().Where(r => r.CaseId == id && r.Action == "personal-data.view").ToListAsync();
        Assert.Equal(2, views.Count(r => r.Outcome == "denied" && r.ActorId == "shiqiao.backoffice" && r.Reason == "想看看这个人"));
        var ok = Assert.Single(views, r => r.Outcome == "ok");
        Assert.Equal(("dongmen.clerk", "申请人来电核对身份证号"), (ok.ActorId, ok.Reason));
        Assert.Equal(3, views.Count);
    }

    [Fact]
    public async Task A_lost_race_is_409_from_both_doors_and_writes_nothing()
    {
        var id = await PeopleApi.CaseAwaitingSignForAsync(_app);
        var api = await _app.LoginAsync("hexi.backoffice");
        var page = await CasePageClient.LoginAsync(_app, "hexi.backoffice");
        var seen = await page.VersionShownAsync(id);

        // Both saw the case one version ago: someone else has moved it since.
        Assert.Equal(HttpStatusCode.Conflict, (await api.ActAsync(id, "sign-for", ifMatch: seen - 1)).StatusCode);
        var (status, html) = await page.PostAsync(id, "Act", ("action", "SignFor"), ("version", (seen - 1).ToString()));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("案件已被他人更新", CasePageClient.TextOf(html, "action-error"), StringComparison.Ordinal);

        var after = await api.GetCaseAsync(id);
        Assert.Equal(seen, after["version"]!.GetValue<int>());
        Assert.Equal("AwaitingSignFor", StateOf(after));
        Assert.DoesNotContain(HistoryOf(after), h => h.Action == "SignFor");
    }

    private async Task<Guid> HandlingAsync(StaffClient township)
    {
        var id = await PeopleApi.CaseAwaitingSignForAsync(_app);
        await township.DoAsync(id, "sign-for");
        await township.DoAsync(id, "accept");
        await township.DoAsync(id, "handle");
        return id;
    }

    private async Task<List<Workflows.Runtime.Auditing.AuditRecord>> DeniedAsync(Guid caseId)
    {
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        return await db.AuditRecords.AsNoTracking().Where(r => r.CaseId == caseId && r.Outcome == "denied").ToListAsync();
    }
}
