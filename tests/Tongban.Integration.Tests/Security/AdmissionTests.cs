using System.Net;
using System.Net.Http.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tongban.Gateway.Hosting;
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
        // The one slot at work and the one place in the queue taken, as a burst would take them: twenty-four requests
        // at once did not always overlap on a busy CI run, and then none was refused.
        var gateway = _app.Services.GetRequiredService<IOptions<RateLimiterOptions>>().Value.GlobalLimiter!;
        var atWork = await gateway.AcquireAsync(Request("GET", "/api/work-queue"));
        Assert.True(atWork.IsAcquired);
        var queued = gateway.AcquireAsync(Request("GET", "/api/work-queue")).AsTask();
        Assert.False(queued.IsCompleted);

        var intakes = Enumerable.Range(0, 8).Select(async _ =>
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
        Assert.Equal(answers.Length, refused.Count);
        foreach (var answer in refused)
        {
            Assert.True(answer.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
            var problem = (await answer.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal(429, problem["status"]!.GetValue<int>());
        }

        atWork.Dispose();
        (await queued).Dispose();
        await using var scope = _app.Services.CreateAsyncScope();
        Assert.Equal(created, await scope.ServiceProvider.GetRequiredService<TongbanDbContext>().Cases.CountAsync());

        // Once the burst is over, the same request is admitted.
        Assert.Equal(HttpStatusCode.Created, (await clerk.Http.PostAsJsonAsync("/api/cases", IntakeBody())).StatusCode);
    }

    [Fact]
    public async Task Once_half_the_queue_waits_a_new_case_is_refused_and_a_step_of_a_case_in_flight_still_queues()
    {
        // The gateway's work limiter: one request at work, four waiting; the gate refuses new cases beyond two waiting.
        using var work = PartitionedRateLimiter.Create<HttpContext, string>(_ => RateLimitPartition.GetConcurrencyLimiter("work", _ => new ConcurrencyLimiterOptions
        {
            PermitLimit = 1, QueueLimit = 4, QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        }));
        using var admission = PartitionedRateLimiter.CreateChained(new NewCaseGate(work, queuedAtMost: 2), work);
        using var atWork = await admission.AcquireAsync(Request("POST", "/api/cases/" + Guid.NewGuid() + "/accept"));
        var waiting = new List<Task<RateLimitLease>>();

        // Up to two waiting, an intake still joins the queue.
        for (var i = 0; i < 2; i++) waiting.Add(admission.AcquireAsync(Request("POST", "/api/cases")).AsTask());
        Assert.All(waiting, w => Assert.False(w.IsCompleted));

        // A third waiting: a new case is refused at once, asked to come back later than a step, through the API and the page alike.
        waiting.Add(admission.AcquireAsync(Request("POST", "/api/cases/" + Guid.NewGuid() + "/sign-for")).AsTask());
        foreach (var path in new[] { "/api/cases", "/window/intake" })
        {
            // Queued instead of refused, it would wait for the slot held above: cancelled after a few seconds, failing the test.
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            using var refused = await admission.AcquireAsync(Request("POST", path), cancellationToken: cancel.Token);
            Assert.False(refused.IsAcquired);
            Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter == NewCaseGate.RetryAfter);
        }

        // A step of a case in flight, and reading, still take the rest of the queue.
        var step = admission.AcquireAsync(Request("POST", "/api/cases/" + Guid.NewGuid() + "/forward")).AsTask();
        Assert.False(step.IsCompleted);
        Assert.True(NewCaseGate.OpensCase(Request("post", "/API/Cases").Request));
        Assert.False(NewCaseGate.OpensCase(Request("GET", "/api/cases").Request));

        // As the queue drains, the waiting requests are admitted in order.
        atWork.Dispose();
        foreach (var next in waiting.Append(step))
        {
            using var lease = await next.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.True(lease.IsAcquired);
        }
    }

    [Fact]
    public async Task New_cases_are_refused_once_their_own_limit_waits_while_steps_take_the_longer_queue()
    {
        await using var app = new EmbeddedApp { Settings = { ["Admission:MaxConcurrent"] = "1", ["Admission:QueueLimit"] = "6", ["Admission:NewCaseQueueLimit"] = "2" } };
        var gateway = app.Services.GetRequiredService<IOptions<RateLimiterOptions>>().Value.GlobalLimiter!;
        var atWork = await gateway.AcquireAsync(Request("POST", "/api/cases/" + Guid.NewGuid() + "/accept"));
        var waiting = Enumerable.Range(0, 3).Select(_ => gateway.AcquireAsync(Request("POST", "/api/cases/" + Guid.NewGuid() + "/sign-for")).AsTask()).ToList();

        // Three steps waiting, more than the new cases' two: an intake is refused (queued, it would wait for the slot
        // held above and be cancelled, failing the test); a step still queues, up to the queue's six.
        using (var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        using (var intake = await gateway.AcquireAsync(Request("POST", "/api/cases"), cancellationToken: cancel.Token))
            Assert.False(intake.IsAcquired);
        waiting.AddRange(Enumerable.Range(0, 3).Select(_ => gateway.AcquireAsync(Request("POST", "/api/cases/" + Guid.NewGuid() + "/forward")).AsTask()));
        Assert.All(waiting, w => Assert.False(w.IsCompleted));
        using (var beyondTheQueue = await gateway.AcquireAsync(Request("POST", "/api/cases/" + Guid.NewGuid() + "/forward")))
            Assert.False(beyondTheQueue.IsAcquired);

        atWork.Dispose();
        foreach (var next in waiting)
        {
            using var lease = await next.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.True(lease.IsAcquired);
        }
    }

    private static DefaultHttpContext Request(string method, string path) => new() { Request = { Method = method, Path = path } };

    [Fact]
    public async Task A_page_refused_at_admission_says_so_in_chinese_with_retry_after()
    {
        var browser = _app.CreateClient();
        // The one slot at work and the one place in the queue taken, as a burst would take them (thirty requests at once
        // only sometimes overlapped enough on a busy machine).
        var gateway = _app.Services.GetRequiredService<IOptions<RateLimiterOptions>>().Value.GlobalLimiter!;
        var atWork = await gateway.AcquireAsync(Request("GET", "/login"));
        Assert.True(atWork.IsAcquired);
        var queued = gateway.AcquireAsync(Request("GET", "/login")).AsTask();
        Assert.False(queued.IsCompleted);

        var answer = await browser.GetAsync("/login");
        Assert.Equal(HttpStatusCode.TooManyRequests, answer.StatusCode);
        Assert.Equal("text/html", answer.Content.Headers.ContentType?.MediaType);
        Assert.True(answer.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Contains("请稍后再试", await answer.Content.ReadAsStringAsync());

        atWork.Dispose();
        (await queued).Dispose();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/login")).StatusCode);
    }
}
