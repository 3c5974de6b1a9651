using System.Net;
using Tongban.Integration.Tests.FrontDoors;
using Tongban.Integration.Tests.Infrastructure;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.Residents;

/// <summary>受理回执: what the window prints for the resident after intake, and who may print it.</summary>
public sealed class ReceiptTests : IAsyncDisposable
{
    private readonly EmbeddedApp _app = new() { Settings = { ["Residents:PublicBaseUrl"] = "https://tongban.qingshan.example/" } };

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_receipt_has_number_item_materials_due_date_and_a_QR_code_of_the_lookup_but_no_ID_number_or_full_name()
    {
        using var clerk = await _app.LoginAsync("dongmen.clerk");
        var opened = await clerk.OpenCaseAsync(IntakeBody(materials: ["ID", "HUKOU", "FORM"], deferred: ["BANK_CARD"]));
        var id = IdOf(opened);
        var number = opened["number"]!.GetValue<string>();

        var page = await PageSession.LoginAsync(_app, "dongmen.clerk");
        var html = await page.GetAsync($"/cases/{id}/receipt");
        Assert.Contains(number, html);
        Assert.Contains("高龄津贴", html);
        Assert.Contains("李**", html);
        Assert.DoesNotContain("李大爷", html);
        Assert.DoesNotContain(ValidIdNumber, html);
        Assert.DoesNotContain("31002X", html);
        Assert.DoesNotContain(ValidPhone, html);
        Assert.Matches("id=\"receipt-due\">\\s*<strong>\\d{4}年\\d{1,2}月\\d{1,2}日前</strong>", html);
        Assert.Contains("id=\"receipt-deferred\"", html);
        Assert.Contains("https://tongban.qingshan.example/lookup", html);
        Assert.Contains("<svg", html);
        Assert.DoesNotContain("<?xml", html);
        // The case page links to it for the window.
        Assert.Contains($"href=\"/cases/{id}/receipt\"", await page.GetAsync($"/cases/{id}"));

        // Another community's window may not print it.
        var other = await PageSession.LoginAsync(_app, "xijie.clerk");
        Assert.Equal(HttpStatusCode.Forbidden, (await other.Http.GetAsync($"/cases/{id}/receipt")).StatusCode);
    }
}
