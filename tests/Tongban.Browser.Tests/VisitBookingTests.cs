using System.Net.Http.Json;
using Tongban.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Tongban.Browser.Tests;

/// <summary>
/// 预约上门 at a phone's width, no login: a family member books a door-to-door visit at 东门社区 (consent required),
/// then the community's clerk sees it masked on 上门服务 and opens its intake as a door-to-door case.
/// </summary>
public sealed class VisitBookingTests : IAsyncLifetime
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
    public async Task A_family_member_books_a_visit_on_a_phone_and_the_community_sees_it_masked()
    {
        // The unit head publishes the next two weeks (working days only).
        var today = DateOnly.FromDateTime(_server.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        using var head = await _server.LoginAsync("dongmen.head");
        var published = await head.Http.PutAsJsonAsync("/api/visits/slots", new { communityId = "dongmen", from = today.AddDays(1), to = today.AddDays(14), capacity = 2 });
        published.EnsureSuccessStatusCode();

        var context = await _browser.NewContextAsync(390, 844);
        await using var _ = context;
        var phone = await context.NewPageAsync();
        phone.SetDefaultTimeout(15_000);
        await phone.GotoAsync($"{_server.BaseUrl}/visit");
        await phone.GetByLabel("所在社区").SelectOptionAsync("dongmen");
        await phone.GetByRole(AriaRole.Button, new() { Name = "查看可预约日期" }).ClickAsync();
        await Expect(phone.Locator("#visit-form")).ToBeVisibleAsync();
        await Expect(phone.Locator("#day option").First).ToContainTextAsync("余 2 个");

        await phone.GetByLabel("需要服务的居民姓名").FillAsync("王秀英");
        await phone.GetByLabel("联系电话").FillAsync("13800138001");
        await phone.GetByLabel("上门地址").FillAsync("东门社区幸福路12号3单元201");
        await phone.GetByLabel("需要办理的事项").FillAsync("办理高龄津贴，老人行动不便");
        await phone.GetByRole(AriaRole.Button, new() { Name = "提交预约" }).ClickAsync();
        await Expect(phone.Locator("#consent-error")).ToContainTextAsync("须同意");
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways at 390 px");
        await Screenshots.SaveAsync(phone, "visit-booking-consent");

        await phone.Locator("#consent").CheckAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "提交预约" }).ClickAsync();
        await Expect(phone.Locator("#booked")).ToContainTextAsync("预约成功");
        await Expect(phone.Locator("#booked-day")).ToContainTextAsync("东门社区");
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways at 390 px");
        await Screenshots.SaveAsync(phone, "visit-booking-phone");

        // The place is taken: the first day now has one left.
        await phone.GotoAsync($"{_server.BaseUrl}/visit?community=dongmen");
        await Expect(phone.Locator("#day option").First).ToContainTextAsync("余 1 个");

        await using var clerk = await StaffBrowser.LoginAsync(_browser, _server, "dongmen.clerk");
        await clerk.GotoAsync("/community/visits");
        await Expect(clerk.Page.Locator("#visits tbody tr")).ToHaveCountAsync(1);
        await Expect(clerk.Page.Locator("#visits")).ToContainTextAsync("王**");
        await Expect(clerk.Page.Locator("#visits")).Not.ToContainTextAsync("13800138001");
        await clerk.ScreenshotAsync("community-visits");
        await clerk.Page.Locator("#visits .visit-intake").ClickAsync();
        await Expect(clerk.Page.Locator("#visit-note")).ToBeVisibleAsync();
    }
}
