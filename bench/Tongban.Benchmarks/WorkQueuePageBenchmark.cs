using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tongban.Load.Reporting;
using Tongban.Testing;
using Tongban.Workflows.Catalog;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Hosting;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Benchmarks;

/// <summary>
/// The township work-queue page (GET /queue, Razor Pages) for 河西乡's back office with N open cases at that post,
/// rendered by the real gateway process through its whole pipeline (cookie session, antiforgery, Razor, EF Core).
/// Reports the server's own time (Server-Timing header) and the round trip. Target: p95 under 300 ms at 10,000.
/// SQLite always; PostgreSQL too when TONGBAN_BENCH_POSTGRES or TONGBAN_TEST_POSTGRES is set.
/// </summary>
public static partial class WorkQueuePageBenchmark
{
    private const string Post = "hexi-backoffice";

    public static async Task<int> RunAsync(string[] args)
    {
        var cases = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var requests = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;

        Console.WriteLine($"Township work-queue page (GET /queue as hexi.backoffice), {cases:N0} open cases at {Post}, {requests} requests per page after 20 warm-up; {BenchDatabase.Machine()}");
        Console.WriteLine();
        Console.WriteLine("| database | page | server p50 ms | server p95 ms | round trip p50 ms | round trip p95 ms |");
        Console.WriteLine("|---|---|---|---|---|---|");

        var sqlite = Path.Combine(Path.GetTempPath(), $"tongban-bench-queue-{Guid.NewGuid():N}.db");
        try
        {
            using (var host = BenchDatabase.RuntimeHost(DatabaseProviders.Sqlite, $"Data Source={sqlite}"))
            {
                await DatabaseSetup.RunAsync(host.Services, new(Migrate: true, ImportCatalog: true, SeedDemo: true));
                await SeedAsync(host.Services, cases);
            }

            await MeasureAsync("SQLite", requests, ["--ConnectionStrings:Tongban", $"Data Source={sqlite}"], connectionString: null);
        }
        finally
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(sqlite + suffix);
        }

        if (Environment.GetEnvironmentVariable("TONGBAN_BENCH_POSTGRES") is { Length: > 0 } || Environment.GetEnvironmentVariable("TONGBAN_TEST_POSTGRES") is { Length: > 0 })
        {
            await using var pg = await BenchDatabase.CreateAsync("bench_queue");
            using (var host = pg.Host())
            {
                await SeedAsync(host.Services, cases);
            }

            await pg.ExecuteAsync("VACUUM ANALYZE cases");
            await MeasureAsync("PostgreSQL", requests, ["--environment", "Distributed", "--Bus:Transport=InMemory", "--Node:Roles=none"], pg.ConnectionString);
        }

        return 0;
    }

    /// <summary>
    /// Open cases at 河西乡's back office, in its four stages, taken in over the last 25 days at the four communities;
    /// their clocks as the time-limit engine would have planned them (some yellow, some red).
    /// </summary>
    private static async Task SeedAsync(IServiceProvider services, int count)
    {
        var watch = Stopwatch.StartNew();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        var items = await db.ItemVersions.AsNoTracking().Where(v => v.IsCurrent && v.DefinitionId != "" && v.Spec.Contains("cross-jurisdiction")).OrderBy(v => v.Code).ToListAsync();
        string[] communities = ["dongmen", "xijie", "nanhu", "beiyuan"];
        // States of the pilot route (data/routes/cross-jurisdiction.v1.json) a township holds.
        string[] states = ["AwaitingSignFor", "SignedFor", "Accepted", "Handling"];
        string[] stages = ["signFor", "accept", "handle", "handle"];
        string[] names = ["李大爷", "王秀英", "张建国", "刘桂兰", "陈志强", "杨淑珍"];
        var now = DateTimeOffset.UtcNow;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var i = 0; i < count; i++)
        {
            var item = items[i % items.Count];
            var opened = now - TimeSpan.FromDays(i % 25) - TimeSpan.FromMinutes(i % 1440);
            var s = i % 4;
            var overallDue = opened + TimeSpan.FromDays(21 + (i % 7));
            var stageDue = opened + TimeSpan.FromDays(s == 0 ? 1 : 2 + (i % 10));
            db.Cases.Add(new Case
            {
                Id = Guid.CreateVersion7(opened),
                Number = $"QB{opened:yyyyMMdd}-{i:X6}",
                ItemVersionId = item.Id,
                ItemCode = item.Code,
                ItemVersion = item.Version,
                DefinitionId = item.DefinitionId,
                State = states[s],
                Mode = CaseMode.ProxyIntake,
                IntakeCommunityId = communities[i % 4],
                RegistrationTownshipId = "hexi",
                CurrentPostId = Post,
                ApplicantName = names[i % names.Length],
                ApplicantIdNumber = "11010519491231002X",
                ApplicantPhone = "13800138000",
                MaterialsHandedIn = ["ID", "HUKOU", "FORM"],
                FirstContactStaffId = "dongmen.clerk",
                OpenedAt = opened,
                UpdatedAt = opened + TimeSpan.FromHours(2),
                Version = 4 + s,
                OverallLimitDays = 15,
                PlannedOverallDays = 15,
                OverallStartedAt = opened,
                OverallDueAt = overallDue,
                OverallYellowAt = overallDue - TimeSpan.FromDays(5),
                Stage = stages[s],
                StageStartedAt = opened + TimeSpan.FromHours(2),
                StageLimitDays = s == 0 ? 1 : 10,
                StageDueAt = stageDue,
                StageYellowAt = stageDue - TimeSpan.FromDays(1),
                AttentionAt = Min(overallDue - TimeSpan.FromDays(5), stageDue - TimeSpan.FromDays(1)),
                EarliestDueAt = Min(overallDue, stageDue),
            });
            if (i % 1000 == 999)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }

        await db.SaveChangesAsync();
        Console.Error.WriteLine($"seeded {count:N0} open cases at {Post} in {watch.Elapsed.TotalSeconds:F1} s");
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static async Task MeasureAsync(string database, int requests, string[] gatewayArgs, string? connectionString)
    {
        await using var gateway = await BenchGateway.StartAsync(gatewayArgs, connectionString);
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = gateway.Address };
        await LoginAsync(http, "hexi.backoffice");
        var total = TotalOnQueue(await http.GetStringAsync("/queue"));
        var lastPage = Math.Max(1, (total + 49) / 50);
        foreach (var page in new[] { "/queue", $"/queue?p={lastPage}" })
        {
            for (var i = 0; i < 20; i++) await GetAsync(http, page);
            var server = new List<double>();
            var roundTrip = new List<double>();
            for (var i = 0; i < requests; i++)
            {
                var watch = Stopwatch.StartNew();
                var serverMs = await GetAsync(http, page);
                roundTrip.Add(watch.Elapsed.TotalMilliseconds);
                server.Add(serverMs);
            }

            Console.WriteLine($"| {database} | `{page}` ({total:N0} in queue) | {Percentiles.Of(server, 50):F1} | {Percentiles.Of(server, 95):F1} | {Percentiles.Of(roundTrip, 50):F1} | {Percentiles.Of(roundTrip, 95):F1} |");
        }
    }

    /// <summary>Fetches a page; returns the server's own time from its Server-Timing header.</summary>
    private static async Task<double> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{path}: {(int)response.StatusCode}");
        await response.Content.ReadAsByteArrayAsync();
        var timing = response.Headers.TryGetValues("Server-Timing", out var values) ? values.First() : "";
        var match = ServerTiming().Match(timing);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN;
    }

    private static async Task LoginAsync(HttpClient http, string username)
    {
        var form = await http.GetStringAsync("/login");
        var token = Antiforgery().Match(form).Groups[1].Value;
        using var response = await http.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__af"] = WebUtility.HtmlDecode(token),
            ["username"] = username,
            ["password"] = StaffClient.DemoPassword,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"login: {(int)response.StatusCode}");
    }

    private static int TotalOnQueue(string html) => int.Parse(QueueTotal().Match(html).Groups[1].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex("app;dur=([0-9.]+)")]
    private static partial Regex ServerTiming();

    [GeneratedRegex("name=\"__af\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    [GeneratedRegex("id=\"queue-total\">([0-9]+)<")]
    private static partial Regex QueueTotal();
}
