using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tongban.Integration.Tests.Infrastructure;
using Tongban.Integration.Tests.People;
using Tongban.Workflows.Runtime.Persistence;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.FrontDoors;

/// <summary>
/// Rules that read before they write hold when the requests arrive together, on SQLite and on PostgreSQL: A and B
/// of a post never end up away at once, and a case gets one unused second-correction approval, not ten. The
/// loser of each race is 409, never 500.
/// </summary>
public sealed class PeopleConcurrencyTests
{
    private const int Pairs = 5;
    private const int Approvals = 10;

    [Fact]
    public Task A_and_B_registering_overlapping_absences_at_once_leave_one_away_on_sqlite() => OnDatabaseAsync("Sqlite", AbsencesAtOnceAsync);

    [Fact]
    public Task A_and_B_registering_overlapping_absences_at_once_leave_one_away_on_postgres() => OnDatabaseAsync("Postgres", AbsencesAtOnceAsync);

    [SqlServerFact]
    public Task A_and_B_registering_overlapping_absences_at_once_leave_one_away_on_sqlserver() => OnDatabaseAsync("SqlServer", AbsencesAtOnceAsync);

    [Fact]
    public Task Ten_second_correction_approvals_at_once_create_one_on_sqlite() => OnDatabaseAsync("Sqlite", ApprovalsAtOnceAsync);

    [Fact]
    public Task Ten_second_correction_approvals_at_once_create_one_on_postgres() => OnDatabaseAsync("Postgres", ApprovalsAtOnceAsync);

    [SqlServerFact]
    public Task Ten_second_correction_approvals_at_once_create_one_on_sqlserver() => OnDatabaseAsync("SqlServer", ApprovalsAtOnceAsync);

    private static async Task AbsencesAtOnceAsync(EmbeddedApp app)
    {
        var a = await app.LoginAsync("hexi.backoffice");
        var b = await app.LoginAsync("hexi.backoffice2");

        // Five pairs in five different weeks, all ten requests in flight together: each pair overlaps only itself.
        var monday = new DateOnly(2027, 3, 1);
        var requests = Enumerable.Range(0, Pairs).SelectMany(i =>
        {
            var from = monday.AddDays(7 * i);
            return new[] { (Pair: i, Response: a.RegisterAbsenceAsync(PeopleApi.HexiPost, null, Day(from), Day(from.AddDays(4)))), (Pair: i, Response: b.RegisterAbsenceAsync(PeopleApi.HexiPost, null, Day(from.AddDays(2)), Day(from.AddDays(6)))) };
        }).ToList();
        await Task.WhenAll(requests.Select(r => r.Response));

        foreach (var pair in requests.GroupBy(r => r.Pair))
        {
            var statuses = pair.Select(r => r.Response.Result.StatusCode).ToList();
            var bodies = string.Join(" | ", await Task.WhenAll(pair.Select(async r => $"{(int)r.Response.Result.StatusCode} {await r.Response.Result.Content.ReadAsStringAsync()}")));
            Assert.True(statuses.Count(s => s == HttpStatusCode.Created) == 1 && statuses.Count(s => s == HttpStatusCode.Conflict) == 1, $"pair {pair.Key}: {bodies}");
        }

        // Whatever the order, no day has both away.
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        var absences = await db.PostAbsences.AsNoTracking().ToListAsync();
        Assert.Equal(Pairs, absences.Count);
        for (var day = monday; day < monday.AddDays(7 * Pairs); day = day.AddDays(1))
        {
            Assert.True(absences.Count(x => x.From <= day && day <= x.To) <= 1, $"both away on {day:yyyy-MM-dd}");
        }
    }

    private static async Task ApprovalsAtOnceAsync(EmbeddedApp app)
    {
        var township = await app.LoginAsync("hexi.backoffice");
        var head = await app.LoginAsync("hexi.head");
        var id = await PeopleApi.CaseAwaitingSignForAsync(app);
        await township.DoAsync(id, "sign-for");
        await township.DoAsync(id, "return-for-correction", new { missing = new[] { new { code = "PHOTO", problem = "照片不清晰" } } });

        var responses = await Task.WhenAll(Enumerable.Range(0, Approvals).Select(i =>
            head.Http.PostAsJsonAsync($"/api/cases/{id}/second-correction-approvals", new { reason = $"照片仍不合格（第{i}次提交）" })));
        var bodies = string.Join(" | ", await Task.WhenAll(responses.Select(async r => $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}")));
        Assert.True(responses.Count(r => r.StatusCode == HttpStatusCode.Created) == 1, bodies);
        Assert.True(responses.Count(r => r.StatusCode == HttpStatusCode.Conflict) == Approvals - 1, bodies);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        Assert.Equal(1, await db.CorrectionApprovals.CountAsync(x => x.CaseId == id));
        Assert.Equal(1, await db.Notifications.CountAsync(n => n.CaseId == id && n.Kind == "second-correction-approved"));
        Assert.Equal(1, await db.AuditRecords.CountAsync(r => r.CaseId == id && r.Action == "case.ApproveSecondCorrection"));
    }

    private static async Task OnDatabaseAsync(string provider, Func<EmbeddedApp, Task> test)
    {
        var database = await TestDatabase.CreateAsync(provider, "people");
        var app = new EmbeddedApp();
        foreach (var (key, value) in database.Settings) app.Settings[key] = value;

        try
        {
            await test(app);
        }
        finally
        {
            await app.DisposeAsync();
            await database.DisposeAsync();
        }
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
