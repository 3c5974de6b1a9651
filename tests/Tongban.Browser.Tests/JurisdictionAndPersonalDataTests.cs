using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tongban.Browser.Tests.Infrastructure;
using Tongban.Workflows.Auditing;
using static Microsoft.Playwright.Assertions;

namespace Tongban.Browser.Tests;

/// <summary>
/// What each person may see: another township's case is a 403 page (also when typed as a URL), lists show ID
/// numbers masked, and the full number appears only after a stated reason, audited.
/// </summary>
public sealed class JurisdictionAndPersonalDataTests : IAsyncLifetime
{
    private const string MaskedId = "110105********002X";

    private readonly Infrastructure.Browser _browser = new();
    private GatewayServer _server = null!;

    public async Task InitializeAsync()
    {
        await _browser.InitializeAsync();
        _server = new GatewayServer();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Another_townships_case_is_a_403_page_also_by_url_and_lists_mask_id_numbers()
    {
        var hexiCase = await ApiSetup.AtTownshipAsync(_server, "hexi");

        // 石桥镇 cannot open 河西乡's case, not even by typing its address.
        await using var shiqiao = await StaffBrowser.LoginAsync(_browser, _server, "shiqiao.backoffice");
        var response = await shiqiao.GotoAsync($"/cases/{hexiCase.Id}");
        Assert.Equal((int)HttpStatusCode.Forbidden, response!.Status);
        await Expect(shiqiao.Page.Locator("h1")).ToHaveTextAsync("无权访问（403）");
        await Expect(shiqiao.Page.Locator("main")).ToContainTextAsync("不属于您所在的辖区");
        await Expect(shiqiao.Page.Locator("main")).Not.ToContainTextAsync("张秀英");
        await shiqiao.ScreenshotAsync("forbidden");
        await shiqiao.GotoAsync("/queue");
        await Expect(shiqiao.Page.Locator("#queue")).Not.ToContainTextAsync(hexiCase.Number);

        // Nor can a window clerk of another community, nor a township clerk open the bureau's pages.
        await using var xijie = await StaffBrowser.LoginAsync(_browser, _server, "xijie.clerk");
        Assert.Equal(403, (await xijie.GotoAsync($"/cases/{hexiCase.Id}"))!.Status);
        Assert.Equal(403, (await shiqiao.GotoAsync("/bureau"))!.Status);
        Assert.Equal(403, (await shiqiao.GotoAsync("/window/intake"))!.Status);

        // 河西乡 sees its case; the list and the case page show the ID number masked, the phone too.
        await using var hexi = await StaffBrowser.LoginAsync(_browser, _server, "hexi.backoffice");
        var row = await hexi.WaitInQueueAsync(hexiCase.Number);
        await Expect(row).ToContainTextAsync(MaskedId);
        Assert.DoesNotContain(ApiSetup.IdNumber, await hexi.Page.ContentAsync(), StringComparison.Ordinal);
        await hexi.GotoAsync($"/cases/{hexiCase.Id}");
        await Expect(hexi.Page.Locator("#id-number")).ToHaveTextAsync(MaskedId);
        await Expect(hexi.Page.Locator("#phone")).ToHaveTextAsync("138****8000");
        Assert.DoesNotContain(ApiSetup.IdNumber, await hexi.Page.ContentAsync(), StringComparison.Ordinal);

        // The full number needs a reason, next to the field; with one it is shown, and the view is audited.
        await hexi.Page.GetByText("查看完整身份证号和电话").ClickAsync();
        await hexi.Page.GetByRole(AriaRole.Button, new() { Name = "查看完整号码" }).ClickAsync();
        await Expect(hexi.Page.Locator("#reason-error")).ToContainTextAsync("请填写查看完整号码的事由");
        await Expect(hexi.Page.Locator("#id-number")).ToHaveTextAsync(MaskedId);
        await hexi.Page.GetByLabel("查看事由（必填，将记录审计）").FillAsync("核对户籍信息，申请人来电");
        await hexi.Page.GetByRole(AriaRole.Button, new() { Name = "查看完整号码" }).ClickAsync();
        await Expect(hexi.Page.Locator("#id-number")).ToHaveTextAsync(ApiSetup.IdNumber);
        await Expect(hexi.Page.Locator("#phone")).ToHaveTextAsync("13800138000");
        var audit = await _server.WithDbAsync(db => db.AuditRecords.AsNoTracking()
            .Where(a => a.Action == AuditActions.PersonalDataView && a.CaseId == hexiCase.Id).ToListAsync());
        var view = Assert.Single(audit);
        Assert.Equal("hexi.backoffice", view.ActorId);
        Assert.Equal("核对户籍信息，申请人来电", view.Reason);

        // Reloading masks again: the full view was for that one response.
        await hexi.GotoAsync($"/cases/{hexiCase.Id}");
        await Expect(hexi.Page.Locator("#id-number")).ToHaveTextAsync(MaskedId);

        // The bureau's county-wide list masks too.
        await using var bureau = await StaffBrowser.LoginAsync(_browser, _server, "bureau.supervisor");
        await bureau.GotoAsync("/bureau/cases?state=all");
        await Expect(bureau.Page.Locator("#bureau-cases tbody tr", new() { HasText = hexiCase.Number })).ToContainTextAsync(MaskedId);
        Assert.DoesNotContain(ApiSetup.IdNumber, await bureau.Page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_page_says_the_case_was_updated_by_someone_else()
    {
        var hexiCase = await ApiSetup.AtTownshipAsync(_server, "hexi");
        await using var a = await StaffBrowser.LoginAsync(_browser, _server, "hexi.backoffice");
        await a.GotoAsync($"/cases/{hexiCase.Id}");

        // Meanwhile the same clerk signs for it in another window (the API here).
        using var other = await _server.ApiAsync("hexi.backoffice");
        await ApiSetup.ActAsync(other, hexiCase.Id, "sign-for");

        await a.Page.GetByRole(AriaRole.Button, new() { Name = "签收", Exact = true }).ClickAsync();
        await Expect(a.Page.Locator("#action-error")).ToContainTextAsync("案件已被他人更新");
        await Expect(a.Page.Locator(".page-head .badge.state")).ToHaveTextAsync("已签收·待受理");
        await Expect(a.Page.GetByRole(AriaRole.Button, new() { Name = "受理", Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task While_the_A_holder_is_away_B_works_the_queue_and_the_case_page_shows_B_acting_for_A()
    {
        var hexiCase = await ApiSetup.AtTownshipAsync(_server, "hexi");
        using var a = await _server.ApiAsync("hexi.backoffice");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(_server.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        var absence = await a.PostAsJsonAsync("/api/posts/hexi-backoffice/absences", new { from = today, to = today.AddDays(2) });
        Assert.True(absence.IsSuccessStatusCode, await absence.Content.ReadAsStringAsync());

        await using var b = await StaffBrowser.LoginAsync(_browser, _server, "hexi.backoffice2");
        await Expect(b.Page.Locator(".whoami")).ToContainTextAsync("代杨帆");
        var row = await b.WaitInQueueAsync(hexiCase.Number);
        await row.GetByRole(AriaRole.Button, new() { Name = "签收" }).ClickAsync();
        await b.ExpectSuccessAsync("签收完成");
        await b.GotoAsync($"/cases/{hexiCase.Id}");
        var signed = b.Page.Locator("ol.timeline li", new() { HasText = "签收" }).Last;
        await Expect(signed).ToContainTextAsync("代 杨帆");
        await Expect(b.Page.Locator("#holders")).ToContainTextAsync("代 杨帆");
    }

    [Fact]
    public async Task Pages_redirect_to_login_and_the_api_still_answers_401()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(_server.BaseUrl) };
        var page = await http.GetAsync("/queue");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/login", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/work-queue")).StatusCode);
        // Static assets are served to anonymous visitors (the login page needs its stylesheet).
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/css/site.css")).StatusCode);
    }

    [Fact]
    public async Task The_work_queue_fits_a_tablet()
    {
        var hexiCase = await ApiSetup.AtTownshipAsync(_server, "hexi");
        await using var tablet = await StaffBrowser.LoginAsync(_browser, _server, "hexi.backoffice", width: 820, height: 1180);
        await tablet.WaitInQueueAsync(hexiCase.Number);
        var overflow = await tablet.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the page scrolls sideways at tablet width");
        await tablet.ScreenshotAsync("township-queue-tablet");
    }
}
