using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongban.Integration.Tests.Infrastructure;
using Tongban.Workflows.Runtime.Persistence;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.Security;

/// <summary>
/// Admission control: beyond the requests at work and the bounded queue, requests are refused at once with 429,
/// Retry-After and a ProblemDetails (a page in Chinese for pages), and a refused intake writes nothing; health probes
/// are never refused.
/// </summary>
public sealed class AdmissionTests : IAsyncLifetime
{
    private readonly EmbeddedApp _app = new() { Settings = { ["Admission:MaxConcurrent"] = "1", ["Admission:QueueLimit"] = "1" } };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Requests_beyond_the_slots_and_the_queue_get_429_with_retry_after_and_a_refused_intake_writes_nothing()
    {
        var clerk = await _app.LoginAsync("dongmen.clerk");
        var health = _app.CreateClient();

        var intakes = Enumerable.Range(0, 24).Select(async _ =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = JsonContent.Create(IntakeBody()) };
            request.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString());
            return await clerk.Http.SendAsync(request);
        }).ToList();
        var probes = Enumerable.Range(0, 8).Select(_ => health.GetAsync("/health/live")).ToList();
        var answers = await Task.WhenAll(intakes);

        Assert.All(await Task.WhenAll(probes), p => Assert.Equal(HttpStatusCode.OK, p.StatusCode));
        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        var created = answers.Count(a => a.StatusCode == HttpStatusCode.Created);
        Assert.NotEmpty(refused);
        Assert.Equal(answers.Length, refused.Count + created);
        foreach (var answer in refused)
        {
            Assert.True(answer.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
            var problem = (await answer.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal(429, problem["status"]!.GetValue<int>());
        }

        await using var scope = _app.Services.CreateAsyncScope();
        Assert.Equal(created, await scope.ServiceProvider.GetRequiredService<TongbanDbContext>().Cases.CountAsync());

        // Once the burst is over, the same request is admitted.
        Assert.Equal(HttpStatusCode.Created, (await clerk.Http.PostAsJsonAsync("/api/cases", IntakeBody())).StatusCode);
    }

    [Fact]
    public async Task A_page_refused_at_admission_says_so_in_chinese_with_retry_after()
    {
        var browser = _app.CreateClient();
        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => browser.GetAsync("/login")));

        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(refused);
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.OK);
        foreach (var answer in refused)
        {
            Assert.Equal("text/html", answer.Content.Headers.ContentType?.MediaType);
            Assert.True(answer.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
            Assert.Contains("请稍后再试", await answer.Content.ReadAsStringAsync());
        }
    }
}
