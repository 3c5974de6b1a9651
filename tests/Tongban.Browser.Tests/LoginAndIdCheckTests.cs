using Tongban.Browser.Tests.Infrastructure;
using Tongban.Workflows.Residents;
using static Microsoft.Playwright.Assertions;

namespace Tongban.Browser.Tests;

public sealed class LoginAndIdCheckTests : IAsyncLifetime
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
    public async Task Failed_logins_are_throttled_and_errors_show_next_to_the_field()
    {
        await using var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(_server.BaseUrl + "/login");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Screenshots.SaveAsync(page, "login", fullPage: false);

        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Expect(page.Locator("#username-error")).ToHaveTextAsync("请输入用户名。");
        await Expect(page.Locator("#password-error")).ToHaveTextAsync("请输入密码。");

        for (var i = 0; i < 5; i++)
        {
            await page.GetByLabel("用户名").FillAsync("nanhu.clerk");
            await page.GetByLabel("密码").FillAsync("wrong-" + i);
            await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
            await Expect(page.Locator("#login-error")).ToBeVisibleAsync();
        }

        // Locked now: even the right password is refused for a while.
        await page.GetByLabel("密码").FillAsync(StaffClient.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Expect(page.Locator("#login-error")).ToContainTextAsync("登录失败次数过多");
        await Expect(page.GetByLabel("用户名")).ToHaveValueAsync("nanhu.clerk");

        // Another account from the same browser is not affected.
        await using var other = await StaffBrowser.LoginAsync(_browser, _server, "nanhu.clerk2");
        await Expect(other.Page.Locator(".whoami")).ToContainTextAsync("南湖社区综合窗口");

        // Keyboard only: the username field has the focus, Tab to the password, Enter signs in; on the next page
        // the first Tab reaches the "skip to content" link.
        await using var keyboardContext = await _browser.NewContextAsync();
        var keys = await keyboardContext.NewPageAsync();
        await keys.GotoAsync(_server.BaseUrl + "/login");
        // Type only once the page has put the focus there (typing earlier loses keys on a busy machine).
        await Expect(keys.GetByLabel("用户名")).ToBeFocusedAsync();
        await keys.Keyboard.TypeAsync("xijie.clerk");
        await keys.Keyboard.PressAsync("Tab");
        await keys.Keyboard.TypeAsync(StaffClient.DemoPassword);
        await keys.Keyboard.PressAsync("Enter");
        await PageUrl.WaitAsync(keys, url => url.Contains("/window/consult", StringComparison.Ordinal), "signing in by keyboard");
        // The address changes when the new page commits, before its content is there: a Tab pressed then went nowhere
        // (CI, once). Tab once the page's first focusable element is in place.
        await Expect(keys.GetByRole(AriaRole.Link, new() { Name = "跳到主要内容" })).ToBeAttachedAsync();
        await Expect(keys.Locator(".whoami")).ToBeVisibleAsync();
        await keys.Keyboard.PressAsync("Tab");
        await Expect(keys.Locator(":focus")).ToHaveTextAsync("跳到主要内容");

        // The session cookie is HttpOnly and not persistent (it ends with the browser or after 30 idle minutes).
        var cookie = (await other.Page.Context.CookiesAsync()).Single(c => c.Name == "tongban.session");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(-1, cookie.Expires);
    }

    [Fact]
    public async Task The_id_number_check_in_the_browser_agrees_with_the_server()
    {
        await using var clerk = await StaffBrowser.LoginAsync(_browser, _server, "dongmen.clerk");
        await clerk.GotoAsync("/window/intake?item=QS-MZ-001");
        string?[] samples =
        [
            "11010519491231002X", "11010519491231002x", " 11010519491231002X ", "110105194912310021", "440524188001010014",
            "11010519490230002X", "11010518991231002X", "11010521010101002X", "1101051949123100", "1101051949123100211",
            "11010519491231A02X", "11010519491231002Y", "", "   ", null, "320311198001010011", "320311198001010012",
            "11010520000229001X", "11010519000229001X", "510102196001011234",
        ];
        foreach (var sample in samples)
        {
            var server = ChineseIdNumber.TryParse(sample, out _, out var error) ? null : error;
            var browser = await clerk.Page.EvaluateAsync<string?>("s => TongbanId.check(s)", sample);
            Assert.True(server == browser, $"「{sample}」: server says {server ?? "valid"}, browser says {browser ?? "valid"}");
        }
    }
}
