using Microsoft.Playwright;
using Tongban.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Tongban.Browser.Tests;

/// <summary>
/// Dates on the staff pages are 年-月-日 (yyyy-MM-dd) whatever language the browser itself speaks: a browser's
/// own date control follows its locale (an English Chromium shows mm/dd/yyyy), so the pages use a text field
/// with the county's format instead.
/// </summary>
public sealed class DateInputTests : IAsyncLifetime
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
    public async Task An_english_browser_shows_and_takes_dates_as_year_month_day()
    {
        await using var bureau = await StaffBrowser.LoginAsync(_browser, _server, "bureau.supervisor", locale: "en-US");
        await bureau.GotoAsync("/bureau/cases");
        var page = bureau.Page;
        var from = page.Locator("#f-from");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(from).ToHaveAttributeAsync("type", "text");
        await Expect(from).ToHaveAttributeAsync("placeholder", "年-月-日");

        // Month first is refused by the field itself, before anything is sent.
        await from.FillAsync("11/20/2026");
        Assert.True(await from.EvaluateAsync<bool>("e => e.validity.patternMismatch"));

        await from.FillAsync("2026-11-20");
        await page.Locator("#f-to").FillAsync("2026-11-23");
        Assert.False(await from.EvaluateAsync<bool>("e => e.validity.patternMismatch"));
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await PageUrl.WaitAsync(page, url => url.Contains("from=2026-11-20", StringComparison.Ordinal) && url.Contains("to=2026-11-23", StringComparison.Ordinal), "the dated query");
        // Read back by the server and shown again in the same form.
        await Expect(from).ToHaveValueAsync("2026-11-20");
        await Expect(page.Locator("#f-to")).ToHaveValueAsync("2026-11-23");

        await using var clerk = await StaffBrowser.LoginAsync(_browser, _server, "dongmen.clerk", locale: "en-US");
        await clerk.GotoAsync("/window/intake?item=QS-MZ-001");
        var signed = clerk.Page.GetByLabel("委托书签署日期");
        await Expect(signed).ToHaveAttributeAsync("type", "text");
        await Expect(signed).ToHaveAttributeAsync("placeholder", "年-月-日");
    }
}
