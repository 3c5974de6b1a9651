using System.Text.RegularExpressions;

namespace Tongban.Browser.Tests.Infrastructure;

/// <summary>One signed-in staff member in their own browser context, with the steps the tests repeat.</summary>
public sealed class StaffBrowser(IBrowserContext context, IPage page, string baseUrl, string username) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    public string Username { get; } = username;

    public string BaseUrl { get; } = baseUrl;

    public static async Task<StaffBrowser> LoginAsync(Browser browser, GatewayServer server, string username, int width = 1366, int height = 768, string locale = "zh-CN")
    {
        var context = await browser.NewContextAsync(width, height, locale);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        var staff = new StaffBrowser(context, page, server.BaseUrl, username);
        await staff.SignInAsync();
        return staff;
    }

    public async Task SignInAsync()
    {
        await Page.GotoAsync(BaseUrl + "/login");
        await Page.GetByLabel("用户名").FillAsync(Username);
        await Page.GetByLabel("密码").FillAsync(StaffClient.DemoPassword);
        await Page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        // Leaving /login is the sign-in; the next page's load event is not (see PageUrl). Callers wait for what they use.
        await PageUrl.WaitAsync(Page, url => !url.Contains("/login", StringComparison.Ordinal), $"{Username} signing in");
    }

    public Task<IResponse?> GotoAsync(string path) => Page.GotoAsync(BaseUrl + path);

    /// <summary>Hand-offs travel over the bus: reload the work queue until the case is there.</summary>
    public async Task<ILocator> WaitInQueueAsync(string caseNumber, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            await GotoAsync("/queue");
            var row = Page.Locator("#queue tbody tr", new() { Has = Page.GetByRole(AriaRole.Link, new() { Name = caseNumber, Exact = true }) });
            if (await row.CountAsync() == 1) return row;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{Username}: case {caseNumber} did not arrive in the work queue");
            await Task.Delay(300);
        }
    }

    /// <summary>Reload the case page until its state badge reads <paramref name="stateLabel"/>.</summary>
    public async Task WaitForStateAsync(Guid caseId, string stateLabel, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            await GotoAsync($"/cases/{caseId}");
            if (await Page.Locator(".page-head .badge.state").InnerTextAsync() == stateLabel) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{Username}: case {caseId} did not reach 「{stateLabel}」");
            await Task.Delay(300);
        }
    }

    /// <summary>The green message a successful action leaves on the next page.</summary>
    public async Task ExpectSuccessAsync(string text) =>
        await Assertions.Expect(Page.Locator("p.success")).ToContainTextAsync(text);

    public static Guid CaseIdFromUrl(string url) => Guid.Parse(Regex.Match(url, "/cases/([0-9a-f-]{36})").Groups[1].Value);

    /// <summary>Saves NAME.png of the whole page (see <see cref="Screenshots"/> for where).</summary>
    public Task ScreenshotAsync(string name) => Screenshots.SaveAsync(Page, name);

    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
