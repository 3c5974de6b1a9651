using System.Text.RegularExpressions;
using Tongban.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Tongban.Browser.Tests;

/// <summary>
/// The lookup's second way at a phone's width: 发送验证码, the code (read where embedded mode keeps it, on the
/// window's 群众通知 page), typed instead of the ID characters, the progress shown once; the same code again is refused.
/// </summary>
public sealed partial class ResidentLookupCodeTests : IAsyncLifetime
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
    public async Task A_resident_asks_for_a_code_on_a_phone_and_sees_the_progress_once()
    {
        var opened = await ApiSetup.AtTownshipAsync(_server, "hexi");
        var context = await _browser.NewContextAsync(390, 844);
        await using var _ = context;
        var phone = await context.NewPageAsync();
        phone.SetDefaultTimeout(15_000);

        await phone.GotoAsync($"{_server.BaseUrl}/lookup?case={opened.Number}");
        await phone.Locator("#way-code").ClickAsync();
        await Expect(phone.GetByLabel("案件编号")).ToHaveValueAsync(opened.Number);
        await phone.GetByRole(AriaRole.Button, new() { Name = "发送验证码" }).ClickAsync();
        await Expect(phone.Locator("#code-message")).ToContainTextAsync("验证码已发送");
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways at 390 px");

        // Embedded mode: the message waits on the window's notices page (the masked number, the code, nothing else).
        string code;
        await using (var window = await StaffBrowser.LoginAsync(_browser, _server, "dongmen.clerk"))
        {
            var deadline = DateTime.UtcNow.AddSeconds(15);
            string text;
            while (true)
            {
                await window.GotoAsync("/window/notices");
                text = await window.Page.Locator("#notices").InnerTextAsync();
                if (text.Contains("验证码", StringComparison.Ordinal) || DateTime.UtcNow > deadline) break;
                await Task.Delay(300);
            }

            code = Code().Match(text).Groups[1].Value;
            Assert.Matches("^[0-9]{6}$", code);
            Assert.Contains("查询验证码", text, StringComparison.Ordinal);
            Assert.DoesNotContain(opened.Number, text, StringComparison.Ordinal);
        }

        await phone.GetByLabel("短信验证码").FillAsync(code);
        await phone.GetByRole(AriaRole.Button, new() { Name = "查询", Exact = true }).ClickAsync();
        await Expect(phone.Locator("#progress-where")).ToContainTextAsync("河西乡便民服务中心，等待签收");
        await Expect(phone.Locator("#progress")).ToContainTextAsync("张**");

        // Used once: the same code again gets the unknown-case answer.
        await phone.GotoAsync($"{_server.BaseUrl}/lookup?way=code&case={opened.Number}");
        await phone.GetByLabel("短信验证码").FillAsync(code);
        await phone.GetByRole(AriaRole.Button, new() { Name = "查询", Exact = true }).ClickAsync();
        await Expect(phone.Locator("#lookup-message")).ToContainTextAsync("未查到相符的办件");
    }

    [GeneratedRegex("验证码([0-9]{6})")]
    private static partial Regex Code();
}
