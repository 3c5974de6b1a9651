namespace Tongban.Browser.Tests.Infrastructure;

/// <summary>
/// Playwright driving Debian's Chromium (never a downloaded browser), headless, one per test class. Each staff
/// member gets their own browser context (own cookies), at 1366×768 and zh-CN.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public static string ExecutablePath => Environment.GetEnvironmentVariable("TONGBAN_TEST_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Chromium { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"Chromium not found at {ExecutablePath}: run ./scripts/test.sh (installs it) or `apt-get install -y chromium fonts-wqy-zenhei`.");
        }

        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <param name="locale">The browser's own language (what its built-in controls would follow); the pages are zh-CN whatever it is.</param>
    public Task<IBrowserContext> NewContextAsync(int width = 1366, int height = 768, string locale = "zh-CN") => Chromium.NewContextAsync(new BrowserNewContextOptions
    {
        ViewportSize = new ViewportSize { Width = width, Height = height },
        Locale = locale,
        TimezoneId = "Asia/Shanghai",
        AcceptDownloads = true,
    });

    public async Task DisposeAsync()
    {
        if (Chromium is not null) await Chromium.DisposeAsync();
        _playwright?.Dispose();
    }
}
