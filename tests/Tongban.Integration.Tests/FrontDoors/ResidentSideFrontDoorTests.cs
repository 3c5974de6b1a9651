using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tongban.Integration.Tests.Infrastructure;
using Tongban.Testing;
using Tongban.Workflows.Runtime.Persistence;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.FrontDoors;

/// <summary>
/// The register's full view and the public booking through the pages and the API come to the same outcome: the
/// same 400 message for a missing reason or consent, 403 for another community, each full view audited alike.
/// </summary>
public sealed class ResidentSideFrontDoorTests : IAsyncDisposable
{
    private readonly EmbeddedApp _app = new() { Clock = new ManualClock(ManualClock.Shanghai(2026, 11, 23, 10)) };

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_register_row_in_full_needs_a_reason_and_another_community_is_refused_from_both_doors()
    {
        var api = await _app.LoginAsync("dongmen.clerk");
        var added = await api.Http.PostAsJsonAsync("/api/special-groups", new
        {
            communityId = "dongmen", name = "赵德明", idNumber = ValidIdNumber, group = "Disabled", disabilityGrade = 2, since = "2026-01-01", until = "2027-06-30",
        });
        var rowId = await added.Content.ReadFromJsonAsync<Guid>();

        var apiRefused = await api.Http.PostAsJsonAsync($"/api/special-groups/{rowId}/view", new { reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, apiRefused.StatusCode);
        var apiMessage = (await ProblemAsync(apiRefused))["errors"]!["reason"]![0]!.GetValue<string>();

        var page = await PageClient.LoginAsync(_app, "dongmen.clerk");
        var html = await page.GetPageAsync("/community/special-groups");
        Assert.Contains("赵**", html, StringComparison.Ordinal);
        Assert.DoesNotContain(ValidIdNumber, html, StringComparison.Ordinal);
        var pageRefused = await page.PostFormAsync($"/community/special-groups?handler=View&id={rowId}", html, [new("reason", "")]);
        Assert.Equal(HttpStatusCode.BadRequest, pageRefused.StatusCode);
        var refusedHtml = await pageRefused.Content.ReadAsStringAsync();
        Assert.Equal(apiMessage, PageClient.TextOf(refusedHtml, "reason-error"));
        Assert.DoesNotContain(ValidIdNumber, refusedHtml, StringComparison.Ordinal);

        var shown = await page.PostFormAsync($"/community/special-groups?handler=View&id={rowId}", html, [new("reason", "上门核实残疾人补贴")]);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal(ValidIdNumber, PageClient.TextOf(await shown.Content.ReadAsStringAsync(), "full-id"));

        // 西街社区's clerk: their own (empty) register on the page; 东门's row refused from both doors.
        var other = await PageClient.LoginAsync(_app, "xijie.clerk");
        var otherHtml = await other.GetPageAsync("/community/special-groups");
        Assert.DoesNotContain("赵**", otherHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostFormAsync($"/community/special-groups?handler=View&id={rowId}", otherHtml, [new("reason", "想核对一下")])).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await _app.LoginAsync("xijie.clerk")).Http.PostAsJsonAsync($"/api/special-groups/{rowId}/view", new { reason = "想核对一下" })).StatusCode);
        // The bureau has no register page of its own community: 403.
        var bureau = await PageClient.LoginAsync(_app, "bureau.supervisor");
        Assert.Equal(HttpStatusCode.Forbidden, (await bureau.Http.GetAsync("/community/special-groups")).StatusCode);

        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        var views = await db.AuditRecords.AsNoTracking().Where(r => r.Action == "special-group.view").ToListAsync();
        Assert.Equal([("denied", "xijie.clerk"), ("denied", "xijie.clerk"), ("ok", "dongmen.clerk")], views.Select(v => (v.Outcome, v.ActorId)).Order());
    }

    [Fact]
    public async Task The_public_booking_refuses_a_missing_consent_alike_from_the_page_and_the_api()
    {
        var head = await _app.LoginAsync("dongmen.head");
        (await head.Http.PutAsJsonAsync("/api/visits/slots", new { communityId = "dongmen", from = "2026-11-24", to = "2026-11-24", capacity = 1 })).EnsureSuccessStatusCode();
        using var anonymous = _app.CreateClient();
        var apiRefused = await anonymous.PostAsJsonAsync("/api/public/visits", new
        {
            communityId = "dongmen", name = "王秀英", phone = "13800138001", address = "幸福路12号", reason = "高龄津贴", day = "2026-11-24", consent = false,
        });
        var apiMessage = (await ProblemAsync(apiRefused))["errors"]!["consent"]![0]!.GetValue<string>();

        var page = PageClient.Anonymous(_app);
        var form = await page.GetPageAsync("/visit?community=dongmen");
        var refused = await page.PostFormAsync("/visit?community=dongmen", form,
            [new("Day", "2026-11-24"), new("Name", "王秀英"), new("Phone", "13800138001"), new("Address", "幸福路12号"), new("Reason", "高龄津贴")]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(apiMessage, PageClient.TextOf(await refused.Content.ReadAsStringAsync(), "consent-error"));

        var booked = await page.PostFormAsync("/visit?community=dongmen", form,
            [new("Day", "2026-11-24"), new("Name", "王秀英"), new("Phone", "13800138001"), new("Address", "幸福路12号"), new("Reason", "高龄津贴"), new("Consent", "true")]);
        Assert.Equal(HttpStatusCode.OK, booked.StatusCode);
        Assert.Contains("预约成功", await booked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The day is now full: the API's next booking is 409.
        Assert.Equal(HttpStatusCode.Conflict, (await anonymous.PostAsJsonAsync("/api/public/visits", new
        {
            communityId = "dongmen", name = "李某", phone = "13800138002", address = "幸福路1号", reason = "残疾人补贴", day = "2026-11-24", consent = true,
        })).StatusCode);
    }
}
