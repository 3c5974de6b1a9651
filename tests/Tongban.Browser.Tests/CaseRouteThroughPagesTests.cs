using Tongban.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Tongban.Browser.Tests;

/// <summary>
/// A case from consultation to evaluation, every step through the staff pages in a real browser: the window
/// clerk of 东门社区, the community's specialist, and the back office of 河西乡.
/// </summary>
public sealed class CaseRouteThroughPagesTests : IAsyncLifetime
{
    private const string ValidId = "11010519491231002X";
    private const string WrongCheckDigit = "110105194912310021";
    private const string BankCard = "本人社会保障卡或银行卡（存折）复印件";

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
    public async Task A_case_goes_from_consultation_to_evaluation_through_the_pages()
    {
        await using var clerk = await StaffBrowser.LoginAsync(_browser, _server, "dongmen.clerk");
        var page = clerk.Page;

        // 咨询告知: find the item by its pinyin initials; the complete material list and the time limit.
        await clerk.GotoAsync("/window/consult");
        await page.GetByLabel("事项名称或拼音首字母").FillAsync("gljt");
        await Expect(page.Locator("[data-item-key]:visible")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Link, new() { Name = "高龄津贴" }).ClickAsync();
        await Expect(page.Locator("#notice-title")).ToHaveTextAsync("高龄津贴");
        await Expect(page.Locator("ol.checklist li")).ToHaveCountAsync(5);
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("15 个工作日");
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("承诺办结日期");

        // 首问负责: the consultation is recorded (what was told, no personal data); intake follows it.
        await page.GetByLabel("咨询方式").SelectOptionAsync(new SelectOptionValue { Label = "现场咨询" });
        await page.GetByRole(AriaRole.Button, new() { Name = "登记咨询" }).ClickAsync();
        await Expect(page.Locator("#consultation-recorded")).ToContainTextAsync("已登记咨询");
        await clerk.ScreenshotAsync("window-consult");

        // 接件: a wrong check digit is caught as typed, and again by the server, next to the field; what was typed
        // stays. Door-to-door service without the written authorisation is refused next to its fieldset.
        await page.GetByRole(AriaRole.Link, new() { Name = "为该事项接件" }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("接续本人的咨询登记");
        await page.GetByLabel("上门代办").CheckAsync();
        await page.GetByLabel("姓名").FillAsync("李大爷");
        await page.GetByLabel("公民身份号码").FillAsync(WrongCheckDigit);
        await Expect(page.Locator("#idNumber-error")).ToHaveTextAsync("身份证号校验位不正确");
        await page.GetByLabel("联系电话").FillAsync("13800138000");
        await page.GetByLabel("户籍乡镇（街道）").SelectOptionAsync(new SelectOptionValue { Label = "河西乡" });
        foreach (var material in new[] { "居民身份证原件及复印件", "户口簿原件及复印件", "高龄津贴申请审批表" })
        {
            await page.Locator("#materials li", new() { HasText = material }).GetByRole(AriaRole.Checkbox).CheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "确认接件并移交" }).ClickAsync();
        await Expect(page.Locator("#idNumber-error")).ToHaveTextAsync("身份证号校验位不正确");
        await Expect(page.Locator("#error-summary")).ToContainTextAsync("身份证号校验位不正确");
        await Expect(page.GetByLabel("姓名")).ToHaveValueAsync("李大爷");
        await Expect(page.GetByLabel("公民身份号码")).ToHaveValueAsync(WrongCheckDigit);
        await Expect(page.GetByLabel("公民身份号码")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#authorisation-error")).ToHaveTextAsync("上门代办须登记授权委托（代办人、委托事项、签署日期）。");
        await Expect(page.GetByLabel("上门代办")).ToBeCheckedAsync();
        await clerk.ScreenshotAsync("window-intake-error");

        await page.GetByLabel("代办人").FillAsync("网格员 周强");
        await page.GetByLabel("委托事项").FillAsync("代为申请高龄津贴并领取结果");
        await page.GetByLabel("委托书签署日期").FillAsync("2026-11-20");
        await page.GetByLabel("公民身份号码").FillAsync(ValidId);
        await Expect(page.Locator("#idNumber-ok")).ToHaveTextAsync("身份证号校验通过");
        await page.GetByRole(AriaRole.Button, new() { Name = "确认接件并移交" }).ClickAsync();
        await clerk.ExpectSuccessAsync("接件成功");
        var caseId = StaffBrowser.CaseIdFromUrl(page.Url);
        var number = (await page.Locator("h1 .mono").InnerTextAsync()).Trim();
        await Expect(page.Locator("#id-number")).ToHaveTextAsync("110105********002X");
        await Expect(page.Locator("#first-contact")).ToContainTextAsync("王丽");
        await Expect(page.Locator("#authorisation")).ToContainTextAsync("网格员 周强");
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("上门代办");

        // 通办专员: reviews and forwards from the work queue.
        await using var specialist = await StaffBrowser.LoginAsync(_browser, _server, "dongmen.specialist");
        var row = await specialist.WaitInQueueAsync(number);
        await row.GetByRole(AriaRole.Button, new() { Name = "审核转办" }).ClickAsync();
        await specialist.ExpectSuccessAsync("审核转办完成");

        // 河西乡: signs for it and returns it for correction with the missing material, once and completely.
        await using var township = await StaffBrowser.LoginAsync(_browser, _server, "hexi.backoffice");
        row = await township.WaitInQueueAsync(number);
        await Expect(row).ToContainTextAsync("110105********002X");
        await Expect(row).Not.ToContainTextAsync(ValidId);
        await township.ScreenshotAsync("township-queue");
        await row.GetByRole(AriaRole.Button, new() { Name = "签收" }).ClickAsync();
        await township.ExpectSuccessAsync("签收完成");

        await township.GotoAsync($"/cases/{caseId}");
        var returnForm = township.Page.Locator("#return-form");
        await returnForm.GetByRole(AriaRole.Checkbox, new() { Name = BankCard }).CheckAsync();
        await returnForm.GetByLabel(BankCard + " 的问题").FillAsync("未提供本人社保卡或银行卡");
        await returnForm.GetByRole(AriaRole.Button, new() { Name = "退回补正" }).ClickAsync();
        await township.ExpectSuccessAsync("已退回补正");

        // The window: the corrected material handed in.
        await clerk.WaitForStateAsync(caseId, "待补正");
        await Expect(page.Locator("#materials-title + table")).ToContainTextAsync("未提供本人社保卡或银行卡");
        var resubmit = page.Locator("#resubmit-form");
        await Expect(resubmit.GetByRole(AriaRole.Checkbox, new() { Name = BankCard })).ToBeCheckedAsync();
        await resubmit.GetByRole(AriaRole.Button, new() { Name = "提交补正材料" }).ClickAsync();
        await clerk.ExpectSuccessAsync("补正材料已提交");

        // 河西乡 again: sign for, accept, handle, decide.
        row = await township.WaitInQueueAsync(number);
        await row.GetByRole(AriaRole.Button, new() { Name = "签收" }).ClickAsync();
        await township.ExpectSuccessAsync("签收完成");
        await township.GotoAsync($"/cases/{caseId}");
        await township.Page.GetByRole(AriaRole.Button, new() { Name = "受理", Exact = true }).ClickAsync();
        await township.ExpectSuccessAsync("已受理");
        await township.Page.GetByRole(AriaRole.Button, new() { Name = "办理", Exact = true }).ClickAsync();
        await township.ExpectSuccessAsync("已开始办理");

        var decide = township.Page.Locator("#decide-form");
        await decide.GetByRole(AriaRole.Button, new() { Name = "办结" }).ClickAsync();
        await Expect(township.Page.Locator("#approved-error")).ToHaveTextAsync("请选择办理结果：准予或不予。");
        await decide.GetByLabel("准予", new() { Exact = true }).CheckAsync();
        await decide.GetByLabel("办理结果或不予理由").FillAsync("准予发放高龄津贴，自次月起按月发放");
        await decide.GetByRole(AriaRole.Button, new() { Name = "办结" }).ClickAsync();
        await township.ExpectSuccessAsync("已办结（准予）");

        // Back at the window: deliver and record the evaluation.
        await clerk.WaitForStateAsync(caseId, "待交付");
        await page.GetByLabel("交付方式").SelectOptionAsync(new SelectOptionValue { Label = "窗口领取" });
        await page.GetByRole(AriaRole.Button, new() { Name = "确认交付" }).ClickAsync();
        await clerk.ExpectSuccessAsync("结果已交付");
        await page.GetByLabel("1 非常满意").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "记录评价" }).ClickAsync();
        await clerk.ExpectSuccessAsync("评价已记录");

        // The timeline across jurisdictions: every step, who and where.
        var timeline = page.Locator("ol.timeline");
        foreach (var step in new[] { "接件", "审核转办", "签收", "退回补正", "补正提交", "受理", "办理", "办结", "结果交付", "评价" })
        {
            await Expect(timeline.Locator("li strong", new() { HasTextString = step }).First).ToBeVisibleAsync();
        }

        await Expect(timeline).ToContainTextAsync("河西乡");
        await Expect(timeline).ToContainTextAsync("东门社区");
        await Expect(timeline).ToContainTextAsync("缺少/有误：" + BankCard);
        await Expect(page.Locator(".page-head .badge.state")).ToHaveTextAsync("已评价·待归档");
        var holders = page.Locator("#holders");
        await Expect(holders.Locator("tr", new() { HasText = "王丽" }).First).ToContainTextAsync("首问");
        await Expect(holders).ToContainTextAsync("刘建国");
        await Expect(holders).ToContainTextAsync("杨帆");
        await clerk.ScreenshotAsync("case-page");

        // The clerk's first-contact list shows the case with its stage.
        await clerk.GotoAsync("/window/cases");
        var mine = page.Locator("#my-cases tbody tr", new() { HasText = number });
        await Expect(mine).ToContainTextAsync("已评价·待归档");
        await Expect(mine).ToContainTextAsync("110105********002X");
        await clerk.ScreenshotAsync("window-my-cases");
    }
}
