namespace Tongban.Browser.Tests.Infrastructure;

/// <summary>
/// Where the tests save their screenshots: .tmp/screenshots, so a run leaves the checkout clean; docs/screenshots
/// (the README's pictures) when TONGBAN_UPDATE_SCREENSHOTS=1.
/// </summary>
public static class Screenshots
{
    public static string Folder => Environment.GetEnvironmentVariable("TONGBAN_UPDATE_SCREENSHOTS") == "1"
        ? Path.Combine(RepoPaths.Root, "docs", "screenshots")
        : RepoPaths.Scratch("screenshots");

    /// <summary>Saves NAME.png of the page (the whole page, or what the viewport shows).</summary>
    public static async Task SaveAsync(IPage page, string name, bool fullPage = true)
    {
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, name + ".png"), FullPage = fullPage });
    }
}
