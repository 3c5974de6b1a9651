using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.Security.Suite;

/// <summary>
/// Each rule that reads before it writes, raced by parallel requests on the real gateway: exactly one wins, the
/// rest are 409 (never 500), and the database holds one result. A case step; an intake's Idempotency-Key (the
/// same application: one case; another application with that key: 409); A and B of a post away at once; a
/// second-correction approval.
/// </summary>
[Collection(SecuritySuite.Name)]
public sealed class ConcurrencyRuleTests(SuiteCounty county, ITestOutputHelper output)
{
    private const int Racers = 10;

    [Fact]
    public async Task Each_rule_raced_has_exactly_one_winner_and_the_rest_409()
    {
        var rows = new List<SecurityFigures.Row>
        {
            await CaseStepAsync(),
            await IdempotentIntakeAsync(),
            await SameKeyOtherApplicationAsync(),
            await AbsencesAsync(),
            await SecondCorrectionAsync(),
        };

        output.WriteLine(SecurityFigures.Record("d. Concurrency of each rule", rows));
        Assert.All(rows, r => Assert.True(r.Wrong == 0 && r.HalfWritten == 0, $"{r.Probe}: {r.Note}"));
    }

    private async Task<SecurityFigures.Row> CaseStepAsync()
    {
        using var clerk = await county.LoginAsync("dongmen.clerk");
        var id = IdOf(await clerk.OpenCaseAsync());
        await clerk.WaitForStateAsync(id, "AtSpecialist");
        var specialists = await Task.WhenAll(Enumerable.Range(0, Racers).Select(_ => county.LoginAsync("dongmen.specialist")));
        var responses = await Task.WhenAll(specialists.Select(s => s.Http.PostAsJsonAsync($"/api/cases/{id}/forward", new { })));
        var forwards = await CountAsync($"SELECT COUNT(*) FROM case_history WHERE upper(\"CaseId\") = '{id.ToString().ToUpperInvariant()}' AND \"Action\" = 'Forward'");
        return Row("case step: 10 × forward of one case", responses, HttpStatusCode.OK, forwards == 1 ? 0 : 1, $"forward entries in the history: {forwards}");
    }

    private async Task<SecurityFigures.Row> IdempotentIntakeAsync()
    {
        var key = Guid.NewGuid();
        var clerks = await Task.WhenAll(Enumerable.Range(0, Racers).Select(_ => county.LoginAsync("dongmen.clerk")));
        var responses = await Task.WhenAll(clerks.Select(c => Intake(c, key, IntakeBody())));
        var ids = (await Task.WhenAll(responses.Where(r => r.IsSuccessStatusCode).Select(async r => (await r.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>()))).Distinct().Count();
        var correct = responses.Count(r => r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK);
        return new("intake: 10 × one Idempotency-Key, same application", Racers, correct, Racers - correct, ids == 1 ? 0 : 1, $"cases opened: {ids}; statuses {Statuses(responses)}");
    }

    private async Task<SecurityFigures.Row> SameKeyOtherApplicationAsync()
    {
        var key = Guid.NewGuid();
        using var first = await county.LoginAsync("dongmen.clerk");
        Assert.True((await Intake(first, key, IntakeBody())).IsSuccessStatusCode);
        var clerks = await Task.WhenAll(Enumerable.Range(0, Racers).Select(_ => county.LoginAsync("dongmen.clerk")));
        var before = await county.SettledStateAsync();
        var responses = await Task.WhenAll(clerks.Select((c, i) => Intake(c, key, IntakeBody(idNumber: IdNumber(10 + i), applicant: $"另一位申请人{(char)('甲' + i)}"))));
        var correct = responses.Count(r => r.StatusCode == HttpStatusCode.Conflict);
        return new("intake: 10 × that key with another application (other applicant)", Racers, correct, Racers - correct, await county.WrittenStateAsync() == before ? 0 : 1, Statuses(responses));
    }

    private async Task<SecurityFigures.Row> AbsencesAsync()
    {
        using var a = await county.LoginAsync("shiqiao.backoffice");
        using var b = await county.LoginAsync("shiqiao.backoffice2");
        var monday = new DateOnly(2027, 9, 6);
        var pairs = Enumerable.Range(0, 5).Select(i => monday.AddDays(7 * i)).ToList();
        var requests = pairs.SelectMany(from => new[]
        {
            a.Http.PostAsJsonAsync("/api/posts/shiqiao-backoffice/absences", new { from = Day(from), to = Day(from.AddDays(4)) }),
            b.Http.PostAsJsonAsync("/api/posts/shiqiao-backoffice/absences", new { from = Day(from.AddDays(2)), to = Day(from.AddDays(6)) }),
        }).ToList();
        var responses = await Task.WhenAll(requests);
        int correct = 0, wrong = 0;
        for (var i = 0; i < responses.Length; i += 2)
        {
            var pair = new[] { responses[i].StatusCode, responses[i + 1].StatusCode };
            var ok = pair.Count(s => s == HttpStatusCode.Created) == 1 && pair.Count(s => s == HttpStatusCode.Conflict) == 1;
            if (ok) correct += 2;
            else wrong += 2;
        }

        var absences = await CountAsync("SELECT COUNT(*) FROM post_absences WHERE \"PostId\" = 'shiqiao-backoffice'");
        return new("A and B away at once: 5 pairs", responses.Length, correct, wrong, absences == pairs.Count ? 0 : 1, $"absences stored: {absences}; {Statuses(responses)}");
    }

    private async Task<SecurityFigures.Row> SecondCorrectionAsync()
    {
        using var clerk = await county.LoginAsync("dongmen.clerk");
        using var specialist = await county.LoginAsync("dongmen.specialist");
        using var township = await county.LoginAsync("longtan.backoffice");
        var id = IdOf(await clerk.OpenCaseAsync(IntakeBody(township: "longtan")));
        await clerk.WaitForStateAsync(id, "AtSpecialist");
        await specialist.DoAsync(id, "forward");
        await township.WaitForStateAsync(id, "AwaitingSignFor");
        await township.DoAsync(id, "sign-for");
        await township.DoAsync(id, "return-for-correction", new { missing = new[] { new { code = "PHOTO", problem = "照片不清晰" } } });
        var heads = await Task.WhenAll(Enumerable.Range(0, Racers).Select(_ => county.LoginAsync("longtan.head")));
        var responses = await Task.WhenAll(heads.Select((h, i) => h.Http.PostAsJsonAsync($"/api/cases/{id}/second-correction-approvals", new { reason = $"照片仍不合格（第{i}次）" })));
        var approvals = await CountAsync($"SELECT COUNT(*) FROM correction_approvals WHERE upper(\"CaseId\") = '{id.ToString().ToUpperInvariant()}'");
        return Row("second-correction approval: 10 × one case", responses, HttpStatusCode.Created, approvals == 1 ? 0 : 1, $"approvals stored: {approvals}");
    }

    private static SecurityFigures.Row Row(string probe, HttpResponseMessage[] responses, HttpStatusCode win, int half, string note)
    {
        var ok = responses.Count(r => r.StatusCode == win) == 1 && responses.Count(r => r.StatusCode == HttpStatusCode.Conflict) == responses.Length - 1;
        return new(probe, responses.Length, ok ? responses.Length : 0, ok ? 0 : responses.Length, half, $"{note}; {Statuses(responses)}");
    }

    private static string Statuses(IEnumerable<HttpResponseMessage> responses) =>
        string.Join(", ", responses.GroupBy(r => (int)r.StatusCode).OrderBy(g => g.Key).Select(g => $"{g.Count()}×{g.Key}"));

    private static Task<HttpResponseMessage> Intake(StaffClient clerk, Guid key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key.ToString());
        return clerk.Http.SendAsync(request);
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = county.DatabaseFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A valid GB 11643 number (born 1949-12-31 in 110105) with sequence <paramref name="sequence"/>.</summary>
    private static string IdNumber(int sequence)
    {
        var body = $"11010519491231{sequence:D3}";
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = body.Select((c, i) => (c - '0') * weights[i]).Sum();
        return body + "10X98765432"[sum % 11];
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
