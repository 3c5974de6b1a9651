using Tongban.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Tongban.Browser.Tests;

/// <summary>The time-limit engine's operations from the case page: 容缺 materials, a stopped clock, an extension request.</summary>
public sealed class ClockOperationsTests : IAsyncLifetime
{
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
    public async Task Deferred_materials_a_stopped_clock_and_an_extension_request_through_the_case_page()
    {
        var opened = await ApiSetup.AtTownshipAsync(_server, "hexi", deferred: ["BANK_CARD"]);

        // The window takes in the promised material.
        await using var clerk = await StaffBrowser.LoginAsync(_browser, _server, "dongmen.clerk");
        await clerk.GotoAsync($"/cases/{opened.Id}");
        await Expect(clerk.Page.Locator("#materials-title + table tr", new() { HasText = BankCard })).ToContainTextAsync("容缺待补");
        await clerk.Page.Locator("#clock").GetByLabel(BankCard).CheckAsync();
        await clerk.Page.GetByRole(AriaRole.Button, new() { Name = "确认补收" }).ClickAsync();
        await clerk.ExpectSuccessAsync("容缺材料已补收");
        await Expect(clerk.Page.Locator("#materials-title + table tr", new() { HasText = BankCard })).ToContainTextAsync("已收");

        // The township: sign for, then stop the clock for an appraisal, then resume.
        await using var township = await StaffBrowser.LoginAsync(_browser, _server, "hexi.backoffice");
        var row = await township.WaitInQueueAsync(opened.Number);
        await row.GetByRole(AriaRole.Button, new() { Name = "签收" }).ClickAsync();
        await township.GotoAsync($"/cases/{opened.Id}");
        var page = township.Page;
        await page.GetByText("中止计时（听证、检验、检测、鉴定、专家评审、现场勘验）").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "中止计时" }).ClickAsync();
        await Expect(page.Locator("#procedure-error")).ToContainTextAsync("请选择特别程序");
        await page.GetByLabel("特别程序").SelectOptionAsync(new SelectOptionValue { Label = "鉴定" });
        await page.GetByLabel("原因（将告知申请人）").FillAsync("委托县医院进行年龄鉴定");
        await page.GetByRole(AriaRole.Button, new() { Name = "中止计时" }).ClickAsync();
        await township.ExpectSuccessAsync("已因鉴定中止计时");
        await Expect(page.Locator(".page-head .badge").Nth(1)).ToHaveTextAsync("暂停计时");
        await page.GetByRole(AriaRole.Button, new() { Name = "恢复计时" }).ClickAsync();
        await township.ExpectSuccessAsync("已恢复计时");

        // An extension request needs days and a reason, next to the fields; then it waits for the unit head.
        await page.GetByText("申请延期（由单位负责人审批）").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "提交延期申请" }).ClickAsync();
        await Expect(page.Locator("#extension-days-error")).ToHaveTextAsync("延期天数应为 1 至 60 个工作日。");
        await Expect(page.Locator("#extension-reason-error")).ToContainTextAsync("请填写延期理由");
        await page.GetByLabel("延期工作日数").FillAsync("3");
        await page.GetByLabel("延期理由（将告知申请人）").FillAsync("需到户核实居住情况");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交延期申请" }).ClickAsync();
        await township.ExpectSuccessAsync("延期申请已提交");
        await Expect(page.Locator("#clock")).ToContainTextAsync("等待单位负责人审批");

        var timeline = page.Locator("ol.timeline");
        await Expect(timeline).ToContainTextAsync("特别程序：鉴定");
        await Expect(timeline).ToContainTextAsync("延期：3 个工作日");
    }
}
