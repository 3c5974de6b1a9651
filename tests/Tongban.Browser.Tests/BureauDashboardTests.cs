using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tongban.Browser.Tests.Infrastructure;
using Tongban.Workflows.Auditing;
using static Microsoft.Playwright.Assertions;

namespace Tongban.Browser.Tests;

/// <summary>
/// The approval bureau's dashboard with a case that really went overdue: the clock is moved past its deadline
/// (the time-limit engine's timers then open the supervision item) and the dashboard counts it in its township.
/// </summary>
public sealed class BureauDashboardTests : IAsyncLifetime
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
    public async Task An_overdue_case_counts_in_its_townships_row_and_the_list_exports_audited()
    {
        // 临时救助 (10 working days) for a resident of 石桥镇; 高龄津贴 (15) for one of 河西乡, taken in later.
        var late = await ApiSetup.AtTownshipAsync(_server, "shiqiao", "QS-MZ-002", ["ID", "HUKOU", "FORM", "HARDSHIP_PROOF"]);
        _server.Clock.Advance(TimeSpan.FromDays(25));
        var onTime = await ApiSetup.AtTownshipAsync(_server, "hexi");

        // 25 days on, 石桥镇's case is past its 10 working days; the timers open its supervision item.
        await WaitUntilAsync(() => _server.WithDbAsync(db => db.SupervisionItems.AnyAsync(s => s.CaseId == late.Id && s.Scope == "overall")));

        await using var bureau = await StaffBrowser.LoginAsync(_browser, _server, "bureau.supervisor");
        await bureau.GotoAsync("/bureau");
        var page = bureau.Page;
        var shiqiao = page.Locator("#by-township tr[data-key=shiqiao]");
        var hexi = page.Locator("#by-township tr[data-key=hexi]");
        await Expect(shiqiao.Locator("td[data-col=overdue]")).ToHaveTextAsync("1");
        await Expect(hexi.Locator("td[data-col=overdue]")).ToHaveTextAsync("0");
        await Expect(hexi.Locator("td").First).ToHaveTextAsync("1");
        await Expect(page.Locator("#kpi-overdue")).ToHaveTextAsync("1");
        await Expect(page.Locator("#by-community tr[data-key=dongmen] td[data-col=overdue]")).ToHaveTextAsync("1");
        await Expect(page.Locator("#supervision")).ToContainTextAsync(late.Number);
        await Expect(page.Locator("svg.chart title").First).ToHaveTextAsync("每日接件、办结、超期件数");
        await Expect(page.Locator("svg.chart .series-overdue circle")).ToHaveCountAsync(1);
        await bureau.ScreenshotAsync("bureau-dashboard");

        // Drill down from the count: the list holds exactly that case, red.
        await shiqiao.Locator("td[data-col=overdue] a").ClickAsync();
        await Expect(page.Locator("#result-total")).ToHaveTextAsync("1");
        var row = page.Locator("#bureau-cases tbody tr");
        await Expect(row).ToContainTextAsync(late.Number);
        await Expect(row.Locator(".badge.red")).ToHaveTextAsync("超期");
        Assert.DoesNotContain(onTime.Number, await page.ContentAsync(), StringComparison.Ordinal);
        await bureau.ScreenshotAsync("bureau-cases");

        // Both exports download the filtered list; each is audited.
        await page.GetByLabel("导出用途").FillAsync("督办通报");
        var csv = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "导出 CSV" }).ClickAsync());
        Assert.EndsWith(".csv", csv.SuggestedFilename, StringComparison.Ordinal);
        var csvBytes = await File.ReadAllBytesAsync((await csv.PathAsync())!);
        Assert.Equal(Encoding.UTF8.GetPreamble(), csvBytes[..3]);
        var csvText = Encoding.UTF8.GetString(csvBytes[3..]);
        Assert.StartsWith("案件编号,事项编码,事项", csvText, StringComparison.Ordinal);
        Assert.Contains(late.Number, csvText, StringComparison.Ordinal);
        Assert.Contains("110105********002X", csvText, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiSetup.IdNumber, csvText, StringComparison.Ordinal);
        Assert.Equal(2, csvText.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);

        var xlsx = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "导出 Excel" }).ClickAsync());
        Assert.EndsWith(".xlsx", xlsx.SuggestedFilename, StringComparison.Ordinal);
        using (var zip = ZipFile.OpenRead((await xlsx.PathAsync())!))
        {
            using var reader = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
            var sheet = await reader.ReadToEndAsync();
            Assert.Contains(late.Number, sheet, StringComparison.Ordinal);
            Assert.Contains("石桥镇", sheet, StringComparison.Ordinal);
            Assert.NotNull(zip.GetEntry("xl/workbook.xml"));
        }

        var exports = await _server.WithDbAsync(db => db.AuditRecords.AsNoTracking()
            .Where(a => a.Action == AuditActions.PersonalDataExport && a.ActorId == "bureau.supervisor").OrderBy(a => a.Sequence).ToListAsync());
        Assert.Equal(2, exports.Count);
        Assert.Contains("format=csv; rows=1", exports[0].Detail, StringComparison.Ordinal);
        Assert.Contains("jurisdiction=shiqiao", exports[0].Detail, StringComparison.Ordinal);
        Assert.Contains("format=xlsx; rows=1", exports[1].Detail, StringComparison.Ordinal);
        Assert.Equal("督办通报", exports[0].Reason);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met within 30 s");
            await Task.Delay(200);
        }
    }
}
