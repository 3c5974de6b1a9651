using System.Globalization;
using System.Text.RegularExpressions;
using Tongban.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Tongban.Browser.Tests;

/// <summary>
/// The resident's whole story in one run, every step through the pages: the online request on a phone, the
/// call-back recorded by the window clerk, the grid worker's collection on a tablet, the case opened at the window
/// from the request (channel Online), then carried along its route by the specialist and 河西乡's back office,
/// decided and delivered — and after each stage the resident's public lookup, on the same phone, says where the
/// case is in plain words.
/// </summary>
public sealed class ResidentStoryTests : IAsyncLifetime
{
    private const string IdTail = "31002X"; // of ApiSetup.IdNumber

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
    public async Task From_the_online_request_to_delivery_the_resident_follows_each_stage_on_a_phone()
    {
        // 1. The resident asks online, on a phone, without an account.
        var context = await _browser.NewContextAsync(390, 844);
        await using var _ = context;
        var phone = await context.NewPageAsync();
        phone.SetDefaultTimeout(15_000);
        await phone.GotoAsync($"{_server.BaseUrl}/request");
        await phone.GetByLabel("搜索事项（名称或拼音首字母）").FillAsync("gljt");
        await phone.GetByLabel("高龄津贴").CheckAsync();
        await phone.GetByLabel("姓名", new() { Exact = true }).FillAsync("李大爷");
        await phone.GetByLabel("联系电话", new() { Exact = true }).FillAsync("13800138000");
        await phone.GetByLabel("所在社区").SelectOptionAsync(new SelectOptionValue { Label = "东门社区" });
        await phone.GetByLabel("所在网格（可不选）").SelectOptionAsync(new SelectOptionValue { Label = "东门社区 第一网格" });
        await phone.GetByLabel("住址（可不填；需要上门时填写）").FillAsync("东门街道幸福路12号3单元401");
        await phone.Locator("#consent").CheckAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "提交，等待社区回电" }).ClickAsync();
        await Expect(phone.Locator("#request-reference")).ToHaveTextAsync(new Regex("^WS\\d{8}-[2-9A-Z]{6}$"));
        var reference = (await phone.Locator("#request-reference").InnerTextAsync()).Trim();

        // 2. The window clerk calls back and records it: the resident needs the materials collected at home tomorrow.
        await using var clerk = await StaffBrowser.LoginAsync(_browser, _server, "dongmen.clerk");
        await clerk.GotoAsync("/window/requests");
        await clerk.Page.Locator("#requests").GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await clerk.Page.GetByLabel("需网格员上门收件").CheckAsync();
        var tomorrow = _server.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).AddDays(1);
        await clerk.Page.GetByLabel("预约上门时间（上门收件时填写）").FillAsync(tomorrow.Date.AddHours(9).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await clerk.Page.GetByLabel("回访记录").FillAsync("已电话一次性告知材料，约定明天上午网格员上门收取");
        await clerk.Page.GetByRole(AriaRole.Button, new() { Name = "登记回访" }).ClickAsync();
        await clerk.ExpectSuccessAsync("网格员 张桂芳 将于");
        await Expect(clerk.Page.Locator("#detail-state")).ToContainTextAsync("待上门收件");

        // 3. The grid worker of 第一网格, on a tablet, records what was collected.
        await using (var gridWorker = await StaffBrowser.LoginAsync(_browser, _server, "dongmen.grid1", width: 820, height: 1180))
        {
            await gridWorker.GotoAsync("/grid/collections");
            var card = gridWorker.Page.Locator(".collection", new() { HasText = reference });
            foreach (var material in new[] { "居民身份证原件及复印件", "户口簿原件及复印件", "高龄津贴申请审批表" })
            {
                await card.GetByRole(AriaRole.Checkbox, new() { Name = material, Exact = true }).CheckAsync();
            }

            await card.GetByRole(AriaRole.Button, new() { Name = "登记收件" }).ClickAsync();
            await gridWorker.ExpectSuccessAsync("已登记收取 3 项材料");
        }

        // 4. The window opens the case from the request (channel Online) and prints the receipt with the case number.
        await clerk.GotoAsync("/window/requests");
        await clerk.Page.Locator("#requests").GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await clerk.Page.Locator("#intake-link").ClickAsync();
        await Expect(clerk.Page.Locator("#channel-Online")).ToBeCheckedAsync();
        await clerk.Page.GetByLabel("姓名").FillAsync("李大爷");
        await clerk.Page.GetByLabel("公民身份号码").FillAsync(ApiSetup.IdNumber);
        await clerk.Page.GetByLabel("联系电话").FillAsync("13800138000");
        await clerk.Page.GetByLabel("户籍乡镇（街道）").SelectOptionAsync(new SelectOptionValue { Label = "河西乡" });
        await clerk.Page.GetByRole(AriaRole.Button, new() { Name = "确认接件并移交" }).ClickAsync();
        await clerk.ExpectSuccessAsync("接件成功");
        await Expect(clerk.Page.Locator("dl.facts")).ToContainTextAsync("网上办");
        await Expect(clerk.Page.Locator("#first-contact")).ToContainTextAsync("王丽");
        await Expect(clerk.Page.Locator("#online-request")).ToContainTextAsync("上门收件 网格员 张桂芳");
        var caseId = StaffBrowser.CaseIdFromUrl(clerk.Page.Url);
        await clerk.Page.Locator("#receipt-link").ClickAsync();
        var number = (await clerk.Page.Locator("#receipt-number").InnerTextAsync()).Trim();

        await LookUpAsync(phone, number, "受理", "您的申请已在东门社区便民服务窗口受理，社区通办专员正在核对材料。", "resident-story-received");
        await Expect(phone.Locator("#progress")).ToContainTextAsync("李**");
        await Expect(phone.Locator("#progress-by")).ToContainTextAsync("前办结");

        // 5. The specialist forwards it to the township of registration.
        await using var specialist = await StaffBrowser.LoginAsync(_browser, _server, "dongmen.specialist");
        var row = await specialist.WaitInQueueAsync(number);
        await row.GetByRole(AriaRole.Button, new() { Name = "审核转办" }).ClickAsync();
        await specialist.ExpectSuccessAsync("审核转办完成");

        // 6. 河西乡's back office: signs for it, accepts it, handles and decides it.
        await using var township = await StaffBrowser.LoginAsync(_browser, _server, "hexi.backoffice");
        row = await township.WaitInQueueAsync(number);
        await LookUpAsync(phone, number, "审查", "材料已转交河西乡便民服务中心，等待签收。", "resident-story-township");
        await row.GetByRole(AriaRole.Button, new() { Name = "签收" }).ClickAsync();
        await township.ExpectSuccessAsync("签收完成");
        await LookUpAsync(phone, number, "审查", "河西乡便民服务中心已签收，正在审查是否受理。");

        await township.GotoAsync($"/cases/{caseId}");
        await township.Page.GetByRole(AriaRole.Button, new() { Name = "受理", Exact = true }).ClickAsync();
        await township.ExpectSuccessAsync("已受理");
        await LookUpAsync(phone, number, "办理", "河西乡已受理，正在办理。");
        await township.Page.GetByRole(AriaRole.Button, new() { Name = "办理", Exact = true }).ClickAsync();
        await township.ExpectSuccessAsync("已开始办理");
        await LookUpAsync(phone, number, "办理", "河西乡已受理，正在办理。", "resident-story-handling");
        await Expect(phone.Locator("#progress-next")).ToContainTextAsync("办结后结果送回受理窗口");

        var decide = township.Page.Locator("#decide-form");
        await decide.GetByLabel("准予", new() { Exact = true }).CheckAsync();
        await decide.GetByLabel("办理结果或不予理由").FillAsync("准予发放高龄津贴，自次月起按月发放");
        await decide.GetByRole(AriaRole.Button, new() { Name = "办结" }).ClickAsync();
        await township.ExpectSuccessAsync("已办结（准予）");

        // 7. The result is back at the window: the resident reads where to pick it up (not what was decided).
        await clerk.WaitForStateAsync(caseId, "待交付");
        await LookUpAsync(phone, number, "待领取", "已办结，办理结果已送达东门社区便民服务窗口。", "resident-story-ready");
        await Expect(phone.Locator("#progress-pickup")).ToContainTextAsync("请到东门社区便民服务窗口领取");
        await Expect(phone.Locator("main")).Not.ToContainTextAsync("准予");

        // 8. Delivered at the window.
        await clerk.Page.GetByLabel("交付方式").SelectOptionAsync(new SelectOptionValue { Label = "窗口领取" });
        await clerk.Page.GetByRole(AriaRole.Button, new() { Name = "确认交付" }).ClickAsync();
        await clerk.ExpectSuccessAsync("结果已交付");
        await LookUpAsync(phone, number, "已交付", "办理结果已交付（窗口领取）。", "resident-story-delivered");
        await Expect(phone.Locator("#progress-next")).ToContainTextAsync("本件已办结");
    }

    /// <summary>
    /// Opens the lookup as the receipt's QR code does (case number filled in), types the six characters, and checks
    /// the answer at 390 px: the step on the bar, the plain words, nothing personal in full; saves a screenshot if named.
    /// </summary>
    private async Task LookUpAsync(IPage phone, string caseNumber, string step, string where, string? screenshot = null)
    {
        await phone.GotoAsync($"{_server.BaseUrl}/lookup?case={caseNumber}");
        await Expect(phone.GetByLabel("案件编号")).ToHaveValueAsync(caseNumber);
        await phone.GetByLabel("申请人身份证号码后六位").FillAsync(IdTail);
        await phone.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Expect(phone.Locator("#progress-where")).ToHaveTextAsync(where);
        await Expect(phone.Locator(".progress-steps li[aria-current=step]")).ToHaveTextAsync(step);
        var main = phone.Locator("main");
        await Expect(main).Not.ToContainTextAsync("李大爷");
        await Expect(main).Not.ToContainTextAsync(ApiSetup.IdNumber);
        await Expect(main).Not.ToContainTextAsync("13800138000");
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), $"the lookup scrolls sideways at 390 px ({step})");
        if (screenshot is not null) await Screenshots.SaveAsync(phone, screenshot);
    }
}
