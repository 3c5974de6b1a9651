using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tongban.Integration.Tests.Infrastructure;
using Tongban.Testing;
using Tongban.UseCases;
using Tongban.UseCases.Residents;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Residents;
using Tongban.Workflows.Runtime.Persistence;
using Tongban.Workflows.Runtime.Residents;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.Residents;

/// <summary>
/// The progress lookup by a one-time code sent to the phone on file, on SQLite: the code goes once through the
/// notification outbox to a real HTTP peer standing in for the SMS platform (nothing in it but the code and the
/// masked case number, nothing of it in the logs or stored in the clear); the right code answers exactly like the
/// ID path, once; reused, expired, wrong and exhausted codes answer like an unknown case; a code request for an
/// unknown case answers like one for a known case; the limits answer 429 with Retry-After.
/// </summary>
public sealed partial class LookupCodeTests : IAsyncDisposable
{
    private const string RightTail = "31002X"; // of StaffClient.ValidIdNumber
    private readonly List<IAsyncDisposable> _apps = [];
    private readonly CapturingLoggerProvider _logs = new();

    private readonly List<string> _databases = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps) await app.DisposeAsync();
        foreach (var database in _databases) await Substrate.DropDatabaseAsync(database);
    }

    private WebApplicationFactory<Program> App(Dictionary<string, string> settings, ManualClock? clock = null)
    {
        var embedded = new EmbeddedApp { Clock = clock };
        foreach (var (k, v) in settings) embedded.Settings[k] = v;
        _apps.Add(embedded);
        var app = embedded.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<ILoggerProvider>(_logs)));
        _apps.Add(app);
        return app;
    }

    [Fact]
    public async Task A_code_goes_once_to_the_sms_platform_and_opens_the_progress_once_exactly_like_the_id_path()
    {
        using var sms = new SmsPlatformReceiver(failFirstAttempt: true);
        var app = App(new()
        {
            ["Notices:Channel"] = "Sms",
            ["Notices:Sms:Url"] = sms.Url,
            ["Notices:Sms:Templates:LookupCode"] = "SMS_2001",
            ["Notices:PollInterval"] = "00:00:00.100",
            ["Notices:RetryIntervals"] = "00:00:00.200,00:00:00.500",
            ["Residents:Lookup:PerAddressPerMinute"] = "1000",
        });
        using var clerk = await LoginAsync(app.CreateClient(), "dongmen.clerk");
        var opened = await clerk.OpenCaseAsync();
        var caseId = IdOf(opened);
        var number = opened["number"]!.GetValue<string>();
        await clerk.WaitForStateAsync(caseId, "AtSpecialist");
        using var resident = app.CreateClient();

        // Known and unknown numbers get the same 202 answer.
        var known = await resident.PostAsJsonAsync("/api/public/lookup/code", new { caseNumber = number.ToLowerInvariant() });
        var unknown = await resident.PostAsJsonAsync("/api/public/lookup/code", new { caseNumber = "QS20990101-0000000000" });
        Assert.Equal(HttpStatusCode.Accepted, known.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
        Assert.Equal(await known.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());
        Assert.Contains(RequestLookupCode.SentText, await known.Content.ReadAsStringAsync());

        // Exactly one message, after the platform refused the first attempt: the code and the masked number, nothing else.
        await WaitUntilAsync(() => sms.Accepted.Count > 0);
        await Task.Delay(1500);
        var message = Assert.Single(sms.Accepted);
        Assert.Equal(2, sms.Requests.Count);
        Assert.Equal(ValidPhone, message["phone"]!.GetValue<string>());
        Assert.Equal("SMS_2001", message["templateId"]!.GetValue<string>());
        var text = message["text"]!.GetValue<string>();
        var code = Digits().Match(text).Value;
        Assert.Matches("^[0-9]{6}$", code);
        Assert.Equal(code, message["templateParams"]!["code"]!.GetValue<string>());
        var masked = LookupCodes.MaskCaseNumber(number);
        Assert.Equal(LookupCodes.Text(masked, code, 10), text);
        Assert.Equal(masked, message["templateParams"]!["caseNumber"]!.GetValue<string>());
        var whole = message.ToJsonString();
        Assert.DoesNotContain(number, whole);
        foreach (var secret in new[] { "李", "高龄津贴", "东门", "河西", ValidIdNumber, RightTail }) Assert.DoesNotContain(secret, whole);

        // Stored: a keyed hash, never the digits; the notice row is of its own kind.
        var row = await WithDbAsync(app, db => db.ResidentLookupCodes.AsNoTracking().SingleAsync());
        Assert.Equal(caseId, row.CaseId);
        Assert.Matches("^[0-9a-f]{64}$", row.CodeHash);
        Assert.DoesNotContain(code, row.CodeHash);
        var notice = await WithDbAsync(app, db => db.ResidentNotices.AsNoTracking().SingleAsync(n => n.Milestone == Milestone.LookupCode));
        Assert.Equal((caseId, 1, NoticeStatus.Sent), (notice.CaseId, notice.Sequence, notice.Status));

        // The window's list of notices (群众通知) shows it sent, but not the code: the SMS took that to the resident.
        var listed = Assert.Single(await WindowNoticesAsync(app), n => n.Milestone == Milestone.LookupCode);
        Assert.DoesNotContain(code, listed.Text);
        Assert.Contains("验证码******", listed.Text);

        // A second code for the same number within the minute: 429 with Retry-After, for an unknown number alike.
        var again = await resident.PostAsJsonAsync("/api/public/lookup/code", new { caseNumber = number });
        var againUnknown = await resident.PostAsJsonAsync("/api/public/lookup/code", new { caseNumber = "QS20990101-0000000000" });
        Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, againUnknown.StatusCode);
        Assert.InRange(int.Parse(again.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal(Strip(await again.Content.ReadAsStringAsync()), Strip(await againUnknown.Content.ReadAsStringAsync()));

        // A wrong code answers exactly like an unknown case; the right one like the ID path; then it is used up.
        var unknownCase = await LookUpAsync(resident, new { caseNumber = "QS20990101-0000000000", code });
        Assert.Equal(HttpStatusCode.NotFound, unknownCase.Status);
        var wrong = code == "000000" ? "000001" : "000000";
        Assert.Equal(unknownCase, await LookUpAsync(resident, new { caseNumber = number, code = wrong }));
        var byCode = await LookUpAsync(resident, new { caseNumber = number, code = $" {code} " });
        var byId = await LookUpAsync(resident, new { caseNumber = number, idTail = RightTail });
        Assert.Equal(HttpStatusCode.OK, byCode.Status);
        Assert.Equal(byId, byCode);
        Assert.Equal(unknownCase, await LookUpAsync(resident, new { caseNumber = number, code }));

        // Exactly one of the two: 400 naming the field.
        Assert.Equal(new[] { "code" }, await ErrorsAsync(resident, new { caseNumber = number, idTail = RightTail, code }));
        Assert.Equal(new[] { "idTail" }, await ErrorsAsync(resident, new { caseNumber = number }));
        Assert.Equal(new[] { "code" }, await ErrorsAsync(resident, new { caseNumber = number, code = "12345" }));
        Assert.Equal(new[] { "caseNumber" }, await ErrorsAsync(resident, new { caseNumber = "QS<1>" }, "/api/public/lookup/code"));

        // Every attempt recorded; the code in no log line.
        var outcomes = await WithDbAsync(app, db => db.ResidentLookups.AsNoTracking().Select(r => r.Outcome).ToListAsync());
        Assert.Equal(2, outcomes.Count(o => o == LookupOutcome.CodeRequested));
        Assert.Equal(2, outcomes.Count(o => o == LookupOutcome.Found)); // the ID path and the code path
        Assert.DoesNotContain(_logs.Entries, e => e.Contains(code, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Expired_exhausted_and_replaced_codes_answer_like_an_unknown_case(bool postgres)
    {
        var clock = new ManualClock();
        var settings = new Dictionary<string, string>
        {
            ["Residents:LookupCode:ValidMinutes"] = "3",
            ["Residents:Lookup:PerAddressPerMinute"] = "1000",
            ["Residents:Lookup:WrongPerCasePerHour"] = "1000",
        };
        if (postgres)
        {
            var database = $"codes_{Guid.NewGuid():N}"[..20];
            _databases.Add(database);
            settings["Database:Provider"] = "Postgres";
            settings["ConnectionStrings:Tongban"] = await Substrate.CreateDatabaseAsync(database);
        }

        var app = App(settings, clock);
        using var clerk = await LoginAsync(app.CreateClient(), "dongmen.clerk");
        var opened = await clerk.OpenCaseAsync();
        var caseId = IdOf(opened);
        var number = opened["number"]!.GetValue<string>();
        await clerk.WaitForStateAsync(caseId, "AtSpecialist");
        using var resident = app.CreateClient();
        var unknownCase = await LookUpAsync(resident, new { caseNumber = "QS20990101-0000000000", code = "123456" });

        // Expired: three minutes configured.
        var first = await SendCodeAsync(app, resident, number);
        clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(unknownCase, await LookUpAsync(resident, new { caseNumber = number, code = first }));

        // Five wrong tries spend the code: the right one after them is refused too.
        var second = await SendCodeAsync(app, resident, number);
        var wrongs = Enumerable.Range(0, 10).Select(i => i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).Where(w => w != second).Take(LookupCodes.MaxAttempts);
        foreach (var wrong in wrongs) Assert.Equal(unknownCase, await LookUpAsync(resident, new { caseNumber = number, code = wrong }));
        Assert.Equal(LookupCodes.MaxAttempts, await WithDbAsync(app, db => db.ResidentLookupCodes.Select(x => x.Attempts).SingleAsync()));
        Assert.Equal(unknownCase, await LookUpAsync(resident, new { caseNumber = number, code = second }));

        // A new code replaces the old: the older one no longer opens anything, the new one does.
        clock.Advance(TimeSpan.FromMinutes(1));
        var third = await SendCodeAsync(app, resident, number);
        if (third != second) Assert.Equal(unknownCase, await LookUpAsync(resident, new { caseNumber = number, code = second }));
        Assert.Equal(HttpStatusCode.OK, (await LookUpAsync(resident, new { caseNumber = number, code = third })).Status);

        // Three codes, three notices in the local outbox (shown to the window's staff), each sent once.
        var notices = await WithDbAsync(app, db => db.ResidentNotices.AsNoTracking().Where(n => n.Milestone == Milestone.LookupCode).OrderBy(n => n.Sequence).ToListAsync());
        Assert.Equal(new[] { 1, 2, 3 }, notices.Select(n => n.Sequence));
    }

    [Fact]
    public async Task No_more_than_ten_codes_go_to_the_phone_of_a_case_in_24_hours()
    {
        var clock = new ManualClock();
        var app = App(new() { ["Residents:Lookup:PerAddressPerMinute"] = "1000" }, clock);
        using var clerk = await LoginAsync(app.CreateClient(), "dongmen.clerk");
        var opened = await clerk.OpenCaseAsync();
        var number = opened["number"]!.GetValue<string>();
        await clerk.WaitForStateAsync(IdOf(opened), "AtSpecialist");
        using var resident = app.CreateClient();

        for (var i = 0; i < LookupCodes.MaxPerDay; i++)
        {
            await SendCodeAsync(app, resident, number);
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        // The eleventh, a minute after the tenth: refused until the first is a day old, and nothing is sent.
        var refused = await resident.PostAsJsonAsync("/api/public/lookup/code", new { caseNumber = number });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(((int)(TimeSpan.FromHours(24) - TimeSpan.FromMinutes(LookupCodes.MaxPerDay)).TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture), refused.Headers.GetValues("Retry-After").Single());
        Assert.Equal(LookupCodes.MaxPerDay, await WithDbAsync(app, db => db.ResidentNotices.CountAsync(n => n.Milestone == Milestone.LookupCode)));

        clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromMinutes(LookupCodes.MaxPerDay));
        await SendCodeAsync(app, resident, number);
        Assert.Equal(LookupCodes.MaxPerDay + 1, await WithDbAsync(app, db => db.ResidentNotices.CountAsync(n => n.Milestone == Milestone.LookupCode)));
    }

    [Fact]
    public async Task Code_requests_count_towards_the_lookup_limit_per_address()
    {
        var app = App(new() { ["Residents:Lookup:PerAddressPerMinute"] = "3" });
        using var resident = app.CreateClient();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) answers.Add((await resident.PostAsJsonAsync("/api/public/lookup/code", new { caseNumber = $"QS20261127-{i:X10}" })).StatusCode);
        var limited = await resident.PostAsJsonAsync("/api/public/lookup/code", new { caseNumber = "QS20261127-00000000FF" });
        var lookup = await resident.PostAsJsonAsync("/api/public/lookup", new { caseNumber = "QS20261127-00000000FE", code = "123456" });
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("60", limited.Headers.GetValues("Retry-After").Single());
        Assert.Equal(HttpStatusCode.TooManyRequests, lookup.StatusCode);
    }

    [Fact]
    public async Task The_page_sends_a_code_and_takes_it_instead_of_the_id_characters()
    {
        var app = App(new() { ["Residents:Lookup:PerAddressPerMinute"] = "1000" });
        using var clerk = await LoginAsync(app.CreateClient(), "dongmen.clerk");
        var opened = await clerk.OpenCaseAsync();
        var number = opened["number"]!.GetValue<string>();
        await clerk.WaitForStateAsync(IdOf(opened), "AtSpecialist");
        using var page = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        var form = await page.GetStringAsync($"/lookup?way=code&case={number}");
        Assert.Contains("发送验证码", form);
        Assert.Contains("id=\"code\"", form);
        Assert.DoesNotContain("id=\"idTail\"", form);
        var sent = await page.PostAsync("/lookup?handler=SendCode", Form(form, new() { ["case"] = number, ["way"] = "code" }));
        var sentPage = await sent.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Contains(RequestLookupCode.SentText, sentPage);
        var code = await WithDbAsync(app, db => db.ResidentNotices.Where(n => n.Milestone == Milestone.LookupCode).Select(n => n.Text).SingleAsync());
        code = Digits().Match(code).Value;
        // On the Local channel the window's list is how the code reaches the resident: it shows it.
        Assert.Contains(code, Assert.Single(await WindowNoticesAsync(app), n => n.Milestone == Milestone.LookupCode).Text);

        var again = await page.PostAsync("/lookup?handler=SendCode", Form(sentPage, new() { ["case"] = number, ["way"] = "code" }));
        Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
        Assert.NotNull(again.Headers.RetryAfter);

        var shown = await page.PostAsync("/lookup", Form(sentPage, new() { ["case"] = number, ["way"] = "code", ["code"] = code }));
        var shownPage = await shown.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Contains("id=\"progress\"", shownPage);
        Assert.Contains("李**", shownPage);
        Assert.DoesNotContain(code, shownPage);

        var reused = await page.PostAsync("/lookup", Form(sentPage, new() { ["case"] = number, ["way"] = "code", ["code"] = code }));
        Assert.Contains(LookUpCase.NoMatchText, await reused.Content.ReadAsStringAsync());
    }

    private static FormUrlEncodedContent Form(string page, Dictionary<string, string> fields)
    {
        fields["__af"] = Token().Match(page).Groups[1].Value;
        return new FormUrlEncodedContent(fields);
    }

    private static async Task<IReadOnlyList<ListResidentNotices.Row>> WindowNoticesAsync(WebApplicationFactory<Program> app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var clerk = new Actor("dongmen.clerk", "综合窗口", [new PostAssignment("dongmen-window", "dongmen", PostRole.WindowClerk)]);
        var outcome = await scope.ServiceProvider.GetRequiredService<ListResidentNotices>().HandleAsync(new(50), clerk, CancellationToken.None);
        return Assert.IsType<Outcome<IReadOnlyList<ListResidentNotices.Row>>.Ok>(outcome).Value;
    }

    private static async Task<string> SendCodeAsync(WebApplicationFactory<Program> app, HttpClient resident, string number)
    {
        var response = await resident.PostAsJsonAsync("/api/public/lookup/code", new { caseNumber = number });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var text = await WithDbAsync(app, db => db.ResidentNotices.Where(n => n.Milestone == Milestone.LookupCode).OrderByDescending(n => n.Sequence).Select(n => n.Text).FirstAsync());
        return Digits().Match(text).Value;
    }

    /// <summary>What a guesser sees: the status and the body without its per-request trace id.</summary>
    private sealed record Answer(HttpStatusCode Status, string Body);

    private static async Task<Answer> LookUpAsync(HttpClient http, object body)
    {
        var response = await http.PostAsJsonAsync("/api/public/lookup", body);
        return new Answer(response.StatusCode, Strip(await response.Content.ReadAsStringAsync()));
    }

    private static async Task<List<string>> ErrorsAsync(HttpClient http, object body, string path = "/api/public/lookup")
    {
        var response = await http.PostAsJsonAsync(path, body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return [.. (await ProblemAsync(response))["errors"]!.AsObject().Select(e => e.Key)];
    }

    private static string Strip(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove("traceId");
        return node.ToJsonString();
    }

    private static async Task<T> WithDbAsync<T>(WebApplicationFactory<Program> app, Func<TongbanDbContext, Task<T>> read)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<TongbanDbContext>());
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the code did not arrive");
            await Task.Delay(100);
        }
    }

    [GeneratedRegex("[0-9]{6}")]
    private static partial Regex Digits();

    [GeneratedRegex("<input[^>]*name=\"__af\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(Entries);

        public void Dispose() { }

        private sealed class Logger(ConcurrentQueue<string> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue(formatter(state, exception) + " " + exception);
        }
    }
}
