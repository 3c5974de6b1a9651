using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tongban.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Tongban.Browser.Tests;

/// <summary>
/// The online request with call-back through the pages: the resident's form at a phone's width (no login), the
/// call-back recorded on 网上申请回访, the grid worker's collection on a tablet, and the window's intake from the
/// request with the call-back person as first contact.
/// </summary>
public sealed class OnlineRequestTests : IAsyncLifetime
{
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
    public async Task A_resident_asks_on_a_phone_the_grid_worker_collects_on_a_tablet_and_the_window_opens_the_case()
    {
        // The resident, on a phone, no login.
        var context = await _browser.NewContextAsync(390, 844);
        await using var _ = context;
        var phone = await context.NewPageAsync();
        phone.SetDefaultTimeout(15_000);
        await phone.GotoAsync($"{_server.BaseUrl}/request");
        await phone.GetByLabel("搜索事项（名称或拼音首字母）").FillAsync("gljt");
        await Expect(phone.Locator("[data-item-key]:visible")).ToHaveCountAsync(1);
        await phone.GetByLabel("高龄津贴").CheckAsync();
        await phone.GetByLabel("姓名", new() { Exact = true }).FillAsync("李大爷");
        await phone.GetByLabel("联系电话", new() { Exact = true }).FillAsync("13800138000");
        await phone.GetByLabel("所在社区").SelectOptionAsync(new SelectOptionValue { Label = "东门社区" });
        await phone.GetByLabel("所在网格（可不选）").SelectOptionAsync(new SelectOptionValue { Label = "东门社区 第一网格" });
        await phone.GetByLabel("住址（可不填；需要上门时填写）").FillAsync("东门街道幸福路12号3单元401");

        // Without consent: refused next to the checkbox, what was typed kept.
        await phone.GetByRole(AriaRole.Button, new() { Name = "提交，等待社区回电" }).ClickAsync();
        await Expect(phone.Locator("#consent-error")).ToContainTextAsync("请阅读并勾选同意");
        await Expect(phone.GetByLabel("联系电话", new() { Exact = true })).ToHaveValueAsync("13800138000");
        await Expect(phone.GetByLabel("高龄津贴")).ToBeCheckedAsync();
        await phone.Locator("#consent").CheckAsync();
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the form scrolls sideways at 390 px");
        await Screenshots.SaveAsync(phone, "resident-request-phone");
        await phone.GetByRole(AriaRole.Button, new() { Name = "提交，等待社区回电" }).ClickAsync();
        await Expect(phone.Locator("#request-reference")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^WS\\d{8}-[2-9A-Z]{6}$"));
        await Expect(phone.Locator("#request-callback")).ToContainTextAsync("东门社区 将在");
        await Expect(phone.Locator("main")).Not.ToContainTextAsync("13800138000");
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the answer scrolls sideways at 390 px");
        await Screenshots.SaveAsync(phone, "resident-request-done");
        var reference = (await phone.Locator("#request-reference").InnerTextAsync()).Trim();

        // The specialist calls back: the phone in full only after a reason; a collection at home tomorrow.
        await using (var specialist = await StaffBrowser.LoginAsync(_browser, _server, "dongmen.specialist"))
        {
            var page = specialist.Page;
            await specialist.GotoAsync("/window/requests");
            var row = page.Locator("#requests tbody tr", new() { HasText = reference });
            await Expect(row).ToContainTextAsync("138****8000");
            await Expect(page.Locator("#requests")).Not.ToContainTextAsync("13800138000");
            await row.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "查看完整联系方式" }).ClickAsync();
            await Expect(page.Locator("#contact-phone")).ToHaveTextAsync("13800138000");
            await page.GetByLabel("需网格员上门收件").CheckAsync();
            var tomorrow = _server.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).AddDays(1);
            await page.GetByLabel("预约上门时间（上门收件时填写）").FillAsync(tomorrow.Date.AddHours(9).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
            await page.GetByLabel("回访记录").FillAsync("已电话一次性告知材料，约定明天上午网格员上门收取");
            await page.GetByRole(AriaRole.Button, new() { Name = "登记回访" }).ClickAsync();
            await specialist.ExpectSuccessAsync("网格员 张桂芳 将于");
            await Expect(page.Locator("#detail-state")).ToContainTextAsync("待上门收件");
            await specialist.ScreenshotAsync("window-requests");
        }

        // The grid worker of 第一网格 on a tablet: ticks what was collected.
        await using (var gridWorker = await StaffBrowser.LoginAsync(_browser, _server, "dongmen.grid1", width: 820, height: 1180))
        {
            var page = gridWorker.Page;
            await gridWorker.GotoAsync("/");
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/grid/collections$"));
            var card = page.Locator(".collection", new() { HasText = reference });
            await Expect(card).ToContainTextAsync("138****8000");
            await Expect(card).Not.ToContainTextAsync("幸福路12号3单元401");
            foreach (var material in new[] { "居民身份证原件及复印件", "户口簿原件及复印件", "高龄津贴申请审批表" })
            {
                await card.GetByRole(AriaRole.Checkbox, new() { Name = material, Exact = true }).CheckAsync();
            }

            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the grid worker's page scrolls sideways at 820 px");
            await gridWorker.ScreenshotAsync("grid-collections-tablet");
            await card.GetByRole(AriaRole.Button, new() { Name = "登记收件" }).ClickAsync();
            await gridWorker.ExpectSuccessAsync("已登记收取 3 项材料");
            await Expect(page.Locator(".collection", new() { HasText = reference })).ToContainTextAsync("已收取");
        }

        // The window opens the case from the request: channel Online, the specialist who called back is first contact.
        await using var clerk = await StaffBrowser.LoginAsync(_browser, _server, "dongmen.clerk");
        await clerk.GotoAsync("/window/requests");
        await clerk.Page.Locator("#requests").GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await Expect(clerk.Page.Locator("#detail-collection")).ToContainTextAsync("张桂芳");
        await clerk.Page.Locator("#intake-link").ClickAsync();
        await Expect(clerk.Page.Locator("#from-request")).ToContainTextAsync("张桂芳");
        await Expect(clerk.Page.Locator("#channel-Online")).ToBeCheckedAsync();
        await Expect(clerk.Page.Locator("#material-ID")).ToBeCheckedAsync();
        await clerk.Page.GetByLabel("姓名").FillAsync("李大爷");
        await clerk.Page.GetByLabel("公民身份号码").FillAsync(ApiSetup.IdNumber);
        await clerk.Page.GetByLabel("联系电话").FillAsync("13800138000");
        await clerk.Page.GetByLabel("户籍乡镇（街道）").SelectOptionAsync(new SelectOptionValue { Label = "河西乡" });
        await clerk.Page.GetByRole(AriaRole.Button, new() { Name = "确认接件并移交" }).ClickAsync();
        await clerk.ExpectSuccessAsync("接件成功");
        await Expect(clerk.Page.Locator("#first-contact")).ToContainTextAsync("刘建国");
        await Expect(clerk.Page.Locator("#online-request")).ToContainTextAsync(reference);
        await Expect(clerk.Page.Locator("#online-request")).ToContainTextAsync("上门收件 网格员 张桂芳");
        await Expect(clerk.Page.Locator("dl.facts")).ToContainTextAsync("网上办");
        var caseId = StaffBrowser.CaseIdFromUrl(clerk.Page.Url);
        var linked = await _server.WithDbAsync(db => db.ServiceRequests.Where(r => r.Reference == reference).Select(r => r.CaseId).SingleAsync());
        Assert.Equal(caseId, linked);
    }
}
