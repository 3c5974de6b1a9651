namespace Tongban.Browser.Tests.Infrastructure;

/// <summary>
/// Waiting for a page's address. Not <c>WaitForURLAsync</c>: when the page is already at a matching address as that
/// call starts, it waits for the page's load event whatever <c>WaitUntil</c> says (Playwright maps Commit to no load
/// state, then defaults to "load"), and under a busy CI run that event once did not come within 15 s on a page that had
/// rendered, with the network idle. Tests wait for what they use next, so the address alone is polled.
/// </summary>
public static class PageUrl
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public static async Task WaitAsync(IPage page, Func<string, bool> matches, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!matches(page.Url))
        {
            if (DateTime.UtcNow > deadline)
            {
                // Say what the page shows, so the next failure is diagnosed.
                var shown = await page.Locator("body").InnerTextAsync(new() { Timeout = 2_000 });
                throw new TimeoutException($"{what}: still at {page.Url}; the page shows: {shown[..Math.Min(shown.Length, 300)]}");
            }

            await Task.Delay(50);
        }
    }
}
