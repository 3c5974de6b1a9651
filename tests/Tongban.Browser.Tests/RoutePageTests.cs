using System.Text.Json.Nodes;
using Tongban.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Tongban.Browser.Tests;

/// <summary>办理路线: the administrator sees each route drawn on the server, and a checked route's errors marked on its nodes.</summary>
public sealed class RoutePageTests : IAsyncLifetime
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
    public async Task The_administrator_sees_the_routes_drawn_and_a_bad_route_marked_on_its_node()
    {
        await using var admin = await StaffBrowser.LoginAsync(_browser, _server, "county.admin", width: 1400, height: 900);
        await admin.GotoAsync("/");
        await PageUrl.WaitAsync(admin.Page, url => url.EndsWith("/admin/routes", StringComparison.Ordinal), "the administrator's home");

        var cross = admin.Page.Locator("#route-cross-jurisdiction-v1");
        await Expect(cross.Locator("svg.route-diagram")).ToBeVisibleAsync();
        await Expect(cross.Locator("svg [data-node=AwaitingSignFor]")).ToContainTextAsync("待签收");
        await Expect(cross.Locator("svg g.edge.handoff")).ToHaveCountAsync(5);
        await Expect(cross).ToContainTextAsync("QS-MZ-001");
        await Screenshots.SaveAsync(admin.Page, "route-diagram");

        // A route whose handling node names no known participant: refused, the node outlined in red with the reason.
        var route = JsonNode.Parse(await File.ReadAllTextAsync(RepoPaths.Data("routes/cross-jurisdiction.v1.json")))!;
        route["nodes"]!.AsArray().Single(n => n!["id"]!.GetValue<string>() == "Handling")!["participant"] = "township";
        await admin.Page.GetByLabel("路线文件（JSON）").FillAsync(route.ToJsonString());
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "校验" }).ClickAsync();

        await Expect(admin.Page.Locator("#check-errors")).ToContainTextAsync("Handling");
        var marked = admin.Page.Locator("#checked-diagram svg g.has-error");
        await Expect(marked).ToHaveCountAsync(1);
        await Expect(marked).ToHaveAttributeAsync("data-node", "Handling");
        await admin.Page.Locator("#checked-diagram").ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(admin.Page, "route-check-errors");

        // The sample parallel route (township leads, 县残联 assists, 公示 timer, decision) validates and runs: nothing is
        // marked as not executable.
        var parallel = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "tests", "Tongban.Workflows.Tests", "Routes", "Samples", "parallel-opinion.v1.json"));
        await admin.Page.GetByLabel("路线文件（JSON）").FillAsync(parallel);
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "校验" }).ClickAsync();
        await Expect(admin.Page.Locator("#check-result [role=status]")).ToContainTextAsync("parallel-opinion@1 校验通过");
        await Expect(admin.Page.Locator("#checked-diagram svg g.not-executable")).ToHaveCountAsync(0);
        await Expect(admin.Page.Locator("#checked-diagram svg g.has-error")).ToHaveCountAsync(0);
        await Expect(admin.Page.Locator("#checked-diagram svg [data-node=CjlOpinion]")).ToContainTextAsync("县残联");
        await admin.Page.Locator("#checked-diagram").ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(admin.Page, "route-parallel-check");

        // Others are refused.
        await using var clerk = await StaffBrowser.LoginAsync(_browser, _server, "dongmen.clerk");
        var refused = await clerk.GotoAsync("/admin/routes");
        Assert.Equal(403, refused!.Status);
    }

    [Fact]
    public async Task The_administrator_publishes_a_checked_route_as_the_next_version_and_dry_runs_and_executes_a_migration()
    {
        var clerk = await _server.LoginAsync("dongmen.clerk");
        var opened = await clerk.OpenCaseAsync();
        var running = opened["number"]!.GetValue<string>();
        await clerk.WaitForStateAsync(opened["id"]!.GetValue<Guid>(), "AtSpecialist");
        await using var admin = await StaffBrowser.LoginAsync(_browser, _server, "county.admin", width: 1400, height: 900);
        await admin.GotoAsync("/admin/routes");

        // Checked first: a version that skips one passes the check but is not published.
        var route = JsonNode.Parse(await File.ReadAllTextAsync(RepoPaths.Data("routes/cross-jurisdiction.v1.json")))!;
        route["nodes"]!.AsArray().Single(n => n!["id"]!.GetValue<string>() == "Handling")!["label"] = "乡镇办理中";
        route["version"] = 3;
        await admin.Page.GetByLabel("路线文件（JSON）").FillAsync(route.ToJsonString());
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "校验" }).ClickAsync();
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "发布为 cross-jurisdiction@3" }).ClickAsync();
        await Expect(admin.Page.Locator("#publish-result")).ToContainTextAsync("下一个版本号应为 2");

        route["version"] = 2;
        await admin.Page.GetByLabel("路线文件（JSON）").FillAsync(route.ToJsonString());
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "校验" }).ClickAsync();
        await Expect(admin.Page.Locator("#check-result [role=status]")).ToContainTextAsync("cross-jurisdiction@2 校验通过");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "发布为 cross-jurisdiction@2" }).ClickAsync();
        await Expect(admin.Page.Locator("#publish-result")).ToContainTextAsync("cross-jurisdiction@2 已发布为新版本");
        await Expect(admin.Page.Locator("#route-cross-jurisdiction-v2 svg [data-node=Handling]")).ToContainTextAsync("乡镇办理中");

        // A migration plan: the running case (at the specialist) moves when its node is mapped; the dry run says so first.
        await admin.Page.GetByLabel("源路线版本").SelectOptionAsync("cross-jurisdiction@1");
        await admin.Page.GetByLabel("目标路线版本").SelectOptionAsync("cross-jurisdiction@2");
        await admin.Page.GetByLabel("节点映射（每行“源节点=目标节点”）").FillAsync("AtSpecialist=AtSpecialist\nHandling=Handling");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "试运行" }).ClickAsync();
        var row = admin.Page.Locator($"#migration-result tr[data-case='{running}']");
        await Expect(row).ToHaveAttributeAsync("data-status", "planned");
        await Expect(row).ToContainTextAsync("将迁移");
        await admin.Page.Locator("#migration-result").ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(admin.Page, "route-migration-dry-run");

        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "执行迁移（1 件）" }).ClickAsync();
        await Expect(admin.Page.Locator("#migration-result [role=status]")).ToContainTextAsync("本次迁移 1 件");
        await Expect(row).ToHaveAttributeAsync("data-status", "moved");
        var moved = await clerk.GetCaseAsync(opened["id"]!.GetValue<Guid>());
        Assert.Equal("QS-MZ-001@v2", moved["definitionId"]!.GetValue<string>());
        Assert.Equal("AtSpecialist", moved["state"]!.GetValue<string>());
    }
}
