using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Tongban.Integration.Tests.Infrastructure;
using Tongban.Testing;
using Tongban.Workflows.Runtime.Persistence;
using Tongban.Workflows.Runtime.Residents;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.Residents;

/// <summary>
/// The public progress lookup under guessing: wrong guesses get exactly the unknown-case answer, are limited per
/// case number and per address, reveal nothing of the case, and are all recorded without the ID characters.
/// </summary>
public sealed partial class LookupAbuseTests : IAsyncDisposable
{
    private const string RightTail = "31002X"; // of StaffClient.ValidIdNumber
    private readonly List<EmbeddedApp> _apps = [];
    private readonly List<string> _databases = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps) await app.DisposeAsync();
        foreach (var database in _databases) await Substrate.DropDatabaseAsync(database);
    }

    private EmbeddedApp App(ManualClock? clock = null, int? perAddress = null)
    {
        var app = new EmbeddedApp { Clock = clock };
        if (perAddress is { } n) app.Settings["Residents:Lookup:PerAddressPerMinute"] = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _apps.Add(app);
        return app;
    }

    [Fact]
    public async Task A_thousand_wrong_guesses_get_the_unknown_case_answer_are_limited_per_case_reveal_nothing_and_are_recorded()
    {
        var clock = new ManualClock();
        // The address limit out of the way: this test is about the per-case limit and the sameness of answers.
        var app = App(clock, perAddress: 1_000_000);
        using var clerk = await app.LoginAsync("dongmen.clerk");
        var opened = await clerk.OpenCaseAsync();
        var caseId = IdOf(opened);
        var number = opened["number"]!.GetValue<string>();
        await clerk.WaitForStateAsync(caseId, "AtSpecialist");
        using var resident = app.CreateClient();

        var unknown = await LookUpAsync(resident, "QS20990101-0000000000", "123456");
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);

        var random = new Random(14);
        var answers = new List<(bool RealCase, Answer Answer)>();
        for (var i = 0; i < 1000; i++)
        {
            var realCase = i % 2 == 1;
            var guessNumber = realCase ? number : $"QS20261127-{random.NextInt64(0, 0xFF_FFFF_FFFF):X10}";
            string tail;
            do tail = random.Next(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            while (tail == RightTail);
            answers.Add((realCase, await LookUpAsync(resident, guessNumber, tail)));
        }

        // Unknown numbers are each new: every one gets the unknown-case answer.
        Assert.All(answers.Where(a => !a.RealCase), a => Assert.Equal(unknown, a.Answer));
        // Wrong ID parts for the real case: the first five exactly as for an unknown case, then "try later".
        var real = answers.Where(a => a.RealCase).Select(a => a.Answer).ToList();
        Assert.All(real.Take(5), a => Assert.Equal(unknown, a));
        Assert.All(real.Skip(5), a => Assert.Equal(HttpStatusCode.TooManyRequests, a.Status));
        Assert.Single(real.Skip(5).Select(a => a.Body).Distinct());
        // The limit holds the right answer back too, so it tells nothing.
        var rightButLimited = await LookUpAsync(resident, number, RightTail);
        Assert.Equal(real[^1], rightButLimited);

        // Nothing of the case in any answer.
        var secrets = new[] { number, "李大爷", "李", "高龄津贴", "河西", "东门", ValidIdNumber, RightTail, ValidPhone, caseId.ToString() };
        foreach (var (_, answer) in answers) Assert.DoesNotContain(secrets, s => answer.Body.Contains(s, StringComparison.OrdinalIgnoreCase));

        // Every attempt recorded; the typed number and ID characters nowhere in the record.
        var rows = await RowsAsync(app);
        Assert.Equal(1 + 1000 + 1, rows.Count);
        Assert.Equal(1 + 500 + 5, rows.Count(r => r.Outcome == LookupOutcome.NoMatch));
        Assert.Equal(495 + 1, rows.Count(r => r.Outcome == LookupOutcome.Limited));
        Assert.Equal(5, rows.Count(r => r.CaseId == caseId));
        Assert.DoesNotContain(rows, r => r.Outcome == LookupOutcome.Found);
        Assert.All(rows, r => Assert.Matches("^[0-9a-f]{64}$", r.CaseKey));
        var dump = string.Join("\n", rows.Select(r => $"{r.CaseKey} {r.AddressHash} {r.Door}"));
        Assert.DoesNotContain(number, dump, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(RightTail, dump, StringComparison.OrdinalIgnoreCase);

        // An hour later the right guess shows where the case is, with the masked name only.
        clock.Advance(TimeSpan.FromMinutes(61));
        var found = await resident.PostAsJsonAsync("/api/public/lookup", new { caseNumber = number.ToLowerInvariant(), idTail = RightTail.ToLowerInvariant() });
        var text = await found.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var progress = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(number, progress["caseNumber"]!.GetValue<string>());
        Assert.Equal("李**", progress["applicant"]!.GetValue<string>());
        Assert.Equal("Received", progress["step"]!.GetValue<string>());
        Assert.Contains("东门社区便民服务窗口受理", progress["where"]!.GetValue<string>());
        Assert.Contains("河西乡", progress["next"]!.GetValue<string>());
        Assert.Matches("^\\d{4}年\\d{1,2}月\\d{1,2}日前办结", progress["by"]!.GetValue<string>());
        Assert.DoesNotContain(ValidIdNumber, text);
        Assert.DoesNotContain(ValidPhone, text);
        Assert.DoesNotContain("李大爷", text);
        Assert.Equal(LookupOutcome.Found, (await RowsAsync(app)).OrderBy(r => r.At).Last().Outcome);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task One_address_gets_ten_answers_a_minute_then_try_later_on_both_doors(bool postgres)
    {
        var app = App();
        if (postgres)
        {
            var database = $"lookup_{Guid.NewGuid():N}"[..20];
            _databases.Add(database);
            app.Settings["Database:Provider"] = "Postgres";
            app.Settings["ConnectionStrings:Tongban"] = await Substrate.CreateDatabaseAsync(database);
        }

        using var api = app.CreateClient();
        var answers = new List<Answer>();
        for (var i = 0; i < 12; i++) answers.Add(await LookUpAsync(api, $"QS20261127-{i:X10}", "123456"));
        Assert.All(answers.Take(10), a => Assert.Equal(HttpStatusCode.NotFound, a.Status));
        Assert.All(answers.Skip(10), a => Assert.Equal(HttpStatusCode.TooManyRequests, a.Status));

        // The page counts against the same limit and says the same.
        using var page = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await page.GetStringAsync("/lookup?case=QS20261127-0000000001");
        Assert.Contains("value=\"QS20261127-0000000001\"", form);
        var posted = await page.PostAsync("/lookup", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["case"] = "QS20261127-0000000001", ["idTail"] = "123456", ["__af"] = Token().Match(form).Groups[1].Value,
        }));
        Assert.Equal(HttpStatusCode.TooManyRequests, posted.StatusCode);
        Assert.Contains(Tongban.UseCases.Residents.LookUpCase.TryLaterText, await posted.Content.ReadAsStringAsync());

        // Without its antiforgery token the form is refused (and nothing is looked up).
        var forged = await page.PostAsync("/lookup", new FormUrlEncodedContent(new Dictionary<string, string> { ["case"] = "QS1", ["idTail"] = "123456" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(12 + 1, (await RowsAsync(app)).Count);
    }

    [Fact]
    public async Task The_lookup_is_anonymous_and_nothing_else_is()
    {
        var app = App();
        using var clerk = await app.LoginAsync("dongmen.clerk");
        var caseId = IdOf(await clerk.OpenCaseAsync());
        using var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.NotFound, (await LookUpAsync(anonymous, "QS20261127-0000000000", "123456")).Status);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/lookup")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/cases/{caseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/cases", IntakeBody())).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync($"/cases/{caseId}/receipt")).StatusCode);

        var invalid = await anonymous.PostAsJsonAsync("/api/public/lookup", new { caseNumber = "QS<script>", idTail = "12" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await ProblemAsync(invalid))["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("caseNumber") && errors.ContainsKey("idTail"), errors.ToJsonString());
    }

    /// <summary>What a guesser sees: the status and the body without its per-request trace id.</summary>
    private sealed record Answer(HttpStatusCode Status, string Body);

    private static async Task<Answer> LookUpAsync(HttpClient http, string caseNumber, string idTail)
    {
        var response = await http.PostAsJsonAsync("/api/public/lookup", new { caseNumber, idTail });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        body.Remove("traceId");
        return new Answer(response.StatusCode, body.ToJsonString());
    }

    private static async Task<List<ResidentLookup>> RowsAsync(EmbeddedApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TongbanDbContext>().ResidentLookups.AsNoTracking().ToListAsync();
    }

    [GeneratedRegex("<input[^>]*name=\"__af\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
