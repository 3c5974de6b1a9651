using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tongban.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Tongban.Browser.Tests;

/// <summary>Failures show the Chinese error page, never exception details; the API keeps answering ProblemDetails.</summary>
public sealed class ErrorPageTests : IAsyncLifetime
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
    public async Task Unknown_pages_and_failures_show_the_error_page_and_the_api_stays_problem_details()
    {
        await using var clerk = await StaffBrowser.LoginAsync(_browser, _server, "dongmen.clerk");
        var missing = await clerk.GotoAsync("/no-such-page");
        Assert.Equal(404, missing!.Status);
        await Expect(clerk.Page.Locator("h1")).ToHaveTextAsync("页面不存在（404）");

        await clerk.GotoAsync("/window/consult?item=QS-MZ-001");

        // Break the database under the running system: the next write fails.
        await _server.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("ALTER TABLE consultations RENAME TO consultations_gone"));
        var failed = await clerk.Page.RunAndWaitForResponseAsync(
            () => clerk.Page.GetByRole(AriaRole.Button, new() { Name = "登记咨询" }).ClickAsync(),
            r => r.Request.Method == "POST");
        Assert.Equal(500, failed.Status);
        await Expect(clerk.Page.Locator("h1")).ToHaveTextAsync("系统暂时出错");
        var html = await clerk.Page.ContentAsync();
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.DoesNotContain("consultations", html, StringComparison.Ordinal);

        using var api = await _server.ApiAsync("dongmen.clerk");
        var response = await api.PostAsJsonAsync("/api/consultations", new { itemCode = "QS-MZ-001" });
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("consultations", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
