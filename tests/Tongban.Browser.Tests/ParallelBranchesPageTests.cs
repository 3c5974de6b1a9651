using Tongban.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Tongban.Browser.Tests;

/// <summary>
/// 并联办理 / 多地联办 through the pages: a 重度残疾人单独施保 case (QS-MZ-007, route joint-handling@1) accepted by 河西乡
/// forks into the township's own review and two assisting branches at once, 县残联 and 县民政局. The case page draws the
/// route with every open branch marked and its holder named, and lists both tasks with their clocks; each department's
/// officer finds the task in 待办 and gives the opinion on the case page; once all branches are in, the join has fired.
/// </summary>
public sealed class ParallelBranchesPageTests : IAsyncLifetime
{
    private const string Item = "QS-MZ-007";
    private static readonly string[] Materials = ["ID", "HUKOU", "DISABILITY_CERT", "FORM", "ECONOMIC_AUTH"];

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
    public async Task A_case_in_two_parallel_branches_shows_both_on_the_case_page_and_in_each_departments_queue_and_joins_after_both_opinions()
    {
        // Intake and the specialist's forwarding through the API; the township takes it to the fork on its pages.
        var opened = await ApiSetup.AtTownshipAsync(_server, "hexi", Item, Materials);
        await using var township = await StaffBrowser.LoginAsync(_browser, _server, "hexi.backoffice", width: 1400, height: 900);
        var row = await township.WaitInQueueAsync(opened.Number);
        await row.GetByRole(AriaRole.Button, new() { Name = "签收" }).ClickAsync();
        await township.ExpectSuccessAsync("签收完成");
        await township.GotoAsync($"/cases/{opened.Id}");
        await township.Page.GetByRole(AriaRole.Button, new() { Name = "受理", Exact = true }).ClickAsync();
        await township.ExpectSuccessAsync("已受理");

        // Both departments' tasks arrive over the bus: the case page lists them, each open at its unit with its own clock.
        var page = township.Page;
        await WaitForTasksOpenAsync(township, opened.Id, "CjlOpinion", "MzjOpinion");
        var cjlRow = page.Locator("#tasks tr[data-task=CjlOpinion]");
        var mzjRow = page.Locator("#tasks tr[data-task=MzjOpinion]");
        await Expect(cjlRow).ToContainTextAsync("县残联");
        await Expect(mzjRow).ToContainTextAsync("县民政局");
        foreach (var task in new[] { cjlRow, mzjRow })
        {
            await Expect(task).ToContainTextAsync("办理中");
            await Expect(task.Locator(".badge")).ToHaveTextAsync("正常");
            await Expect(task.Locator(".badge + .small")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"\d{4}-\d{2}-\d{2}"));
        }

        // The route diagram: the township's own node and both assisting tasks marked as current, each naming who holds it.
        var diagram = page.Locator("#route svg.route-diagram");
        await Expect(diagram).ToBeVisibleAsync();
        await Expect(diagram.Locator("g.node.is-current")).ToHaveCountAsync(3);
        await Expect(diagram.Locator("g.is-current[data-node=TownshipReview] > title")).ToHaveTextAsync("TownshipReview：当前环节：河西乡便民服务中心后台");
        await Expect(diagram.Locator("g.is-current[data-node=CjlOpinion] > title")).ToHaveTextAsync("CjlOpinion：协办：县残联康复与托养科");
        await Expect(diagram.Locator("g.is-current[data-node=MzjOpinion] > title")).ToHaveTextAsync("MzjOpinion：协办：县民政局社会救助股");
        await Expect(diagram.Locator("g.node.is-current[data-node=OpinionsIn]")).ToHaveCountAsync(0);
        await Expect(page.Locator(".page-head .badge.state")).ToHaveTextAsync("乡镇审核（牵头）");
        await township.ScreenshotAsync("case-parallel-branches");

        // The township finishes its part first: the join waits for the departments.
        await page.GetByRole(AriaRole.Button, new() { Name = "办理", Exact = true }).ClickAsync();
        await township.ExpectSuccessAsync("已开始办理");
        await Expect(page.Locator(".page-head .badge.state")).ToHaveTextAsync("汇总协办意见");

        // Each department's officer: the task in 待办, the opinion through the case page's 出具意见 form.
        await GiveOpinionAsync("cjl.officer", opened.Number, "县残联核定残疾等级（协办）", "经核定，申请人残疾等级为一级，属重度残疾。");
        await township.GotoAsync($"/cases/{opened.Id}");
        await Expect(page.Locator(".page-head .badge.state")).ToHaveTextAsync("汇总协办意见");
        // The case waits at the join; only 县民政局's branch is still open.
        await Expect(page.Locator("#route svg g.node.is-current")).ToHaveCountAsync(2);
        await Expect(page.Locator("#route svg g.is-current[data-node=OpinionsIn]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#route svg g.is-current[data-node=MzjOpinion]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#tasks tr[data-task=CjlOpinion]")).ToContainTextAsync("已办结");

        await GiveOpinionAsync("mzj.officer", opened.Number, "县民政局核对经济状况（协办）", "经核对，家庭经济状况符合单独施保条件。");

        // Both opinions in: the join has fired once and the case has gone on to its next step, the 公示.
        await township.GotoAsync($"/cases/{opened.Id}");
        await Expect(page.Locator(".page-head .badge.state")).ToHaveTextAsync("公示5个工作日");
        await Expect(page.Locator("#tasks tr[data-task]")).ToHaveCountAsync(2);
        await Expect(page.Locator("#tasks")).Not.ToContainTextAsync("办理中");
        await Expect(page.Locator("#tasks tr[data-task=CjlOpinion]")).ToContainTextAsync("同意：经核定，申请人残疾等级为一级，属重度残疾。");
        await Expect(page.Locator("#tasks tr[data-task=MzjOpinion]")).ToContainTextAsync("同意：经核对，家庭经济状况符合单独施保条件。");
        await Expect(page.Locator("#route svg g.is-current[data-node=Publicity]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#route svg g.node.is-current")).ToHaveCountAsync(1);
        var timeline = page.Locator("ol.timeline");
        await Expect(timeline.Locator("li strong", new() { HasTextString = "并联意见汇齐" })).ToHaveCountAsync(1);
        await Expect(timeline.Locator("li strong", new() { HasTextString = "出具意见" })).ToHaveCountAsync(2);
    }

    private async Task GiveOpinionAsync(string username, string number, string taskLabel, string text)
    {
        await using var officer = await StaffBrowser.LoginAsync(_browser, _server, username);
        await officer.GotoAsync("/queue");
        var task = officer.Page.Locator("#tasks tbody tr", new() { HasText = number });
        await Expect(task).ToHaveCountAsync(1);
        await Expect(task).ToContainTextAsync(taskLabel);
        await Expect(task.Locator(".badge")).ToHaveTextAsync("正常");
        await task.GetByRole(AriaRole.Link, new() { Name = $"办理 {number} {taskLabel}" }).ClickAsync();

        var form = officer.Page.GetByRole(AriaRole.Form, new() { Name = $"出具意见 {taskLabel}" });
        await form.GetByRole(AriaRole.Button, new() { Name = "提交意见" }).ClickAsync();
        await Expect(officer.Page.Locator("#agrees-error")).Not.ToBeEmptyAsync();
        form = officer.Page.GetByRole(AriaRole.Form, new() { Name = $"出具意见 {taskLabel}" });
        await form.GetByLabel("同意", new() { Exact = true }).CheckAsync();
        await form.GetByLabel("意见", new() { Exact = true }).FillAsync(text);
        await form.GetByRole(AriaRole.Button, new() { Name = "提交意见" }).ClickAsync();
        await officer.ExpectSuccessAsync("意见已提交");

        // Done: gone from the officer's 待办.
        await officer.GotoAsync("/queue");
        await Expect(officer.Page.Locator("#tasks tbody tr", new() { HasText = number })).ToHaveCountAsync(0);
    }

    /// <summary>Branch tasks travel over the bus: reload the case page until each named task is open.</summary>
    private static async Task WaitForTasksOpenAsync(StaffBrowser staff, Guid caseId, params string[] nodes)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            await staff.GotoAsync($"/cases/{caseId}");
            var open = 0;
            foreach (var node in nodes)
            {
                var row = staff.Page.Locator($"#tasks tr[data-task={node}]");
                if (await row.CountAsync() == 1 && (await row.InnerTextAsync()).Contains("办理中", StringComparison.Ordinal)) open++;
            }

            if (open == nodes.Length) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the tasks {string.Join(", ", nodes)} of case {caseId} were not all taken up");
            await Task.Delay(300);
        }
    }
}
