using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Tongban.Testing;
using Tongban.Workflows.Runtime.Monitoring;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Benchmarks;

/// <summary>
/// The bureau's overdue query (GET /api/bureau/cases) over N open cases in PostgreSQL, through the real gateway
/// process. Target: p95 under 50 ms with 1,000,000 open cases.
/// </summary>
public static class OverdueQueryBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var cases = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var requests = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
        await using var db = await BenchDatabase.CreateAsync("bench_overdue");

        var seed = Stopwatch.StartNew();
        await db.ExecuteAsync(SeedSql(cases));
        // The seed writes around the engine (counted nowhere), so its cases are counted as after a bulk load: by the rebuild.
        using (var host = db.Host())
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await BureauCounts.RebuildAsync(scope.ServiceProvider.GetRequiredService<TongbanDbContext>(), TimeProvider.System.GetUtcNow(), CancellationToken.None);
        }

        await db.ExecuteAsync("VACUUM ANALYZE cases");
        await db.ExecuteAsync("VACUUM ANALYZE bureau_counts");
        Console.Error.WriteLine($"seeded and counted {cases:N0} open cases in {seed.Elapsed.TotalSeconds:F0} s");
        var red = await db.ScalarAsync("SELECT count(*) FROM cases WHERE \"EarliestDueAt\" < now()");
        var attention = await db.ScalarAsync("SELECT count(*) FROM cases WHERE \"AttentionAt\" <= now()");

        await using var gateway = await BenchGateway.StartAsync(["--environment", "Distributed", "--Bus:Transport=InMemory", "--Node:Roles=none"], db.ConnectionString);
        using var supervisor = await StaffClient.LoginAsync(new HttpClient { BaseAddress = gateway.Address }, "bureau.supervisor");
        var http = supervisor.Http;

        string[] queries = ["/api/bureau/cases", "/api/bureau/cases?colour=Red", "/api/bureau/cases?jurisdiction=hexi", "/api/bureau/cases?colour=Yellow&item=QS-MZ-001"];
        Console.WriteLine($"Bureau overdue query, {cases:N0} open cases ({red:N0} red, {attention - red:N0} yellow), {requests} requests each after 20 warm-up; {BenchDatabase.Machine()}");
        Console.WriteLine();
        Console.WriteLine("| query | p50 ms | p95 ms | p99 ms |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var query in queries)
        {
            for (var i = 0; i < 20; i++) (await http.GetAsync(query)).EnsureSuccessStatusCode();
            var samples = new List<double>();
            for (var i = 0; i < requests; i++)
            {
                samples.Add(await BenchDatabase.TimeAsync(async () => (await http.GetAsync(query)).EnsureSuccessStatusCode()));
            }

            Console.WriteLine($"| `{query}` | {BenchDatabase.Percentiles(samples)} |");
        }

        return 0;
    }

    /// <summary>
    /// Open cases spread over the county: opened in the last 20 days, 15-working-day items (≈21 calendar days)
    /// with a running stage due after 18 calendar days: about 5 % red, 20 % yellow, the rest green.
    /// </summary>
    private static string SeedSql(int cases) => $"""
        INSERT INTO cases ("Id","Number","ItemVersionId","ItemCode","ItemVersion","DefinitionId","State","Mode","IntakeCommunityId","RegistrationTownshipId",
          "CurrentPostId","ApplicantName","ApplicantIdNumber","ApplicantPhone","MaterialsHandedIn","MissingMaterials","CorrectionRounds","FirstContactStaffId",
          "OpenedAt","UpdatedAt","Version","OverallLimitDays","PlannedOverallDays","OverallStartedAt","OverallDueAt","OverallYellowAt","OverallProvisional",
          "ExtensionDays","Stage","StageStartedAt","StageLimitDays","StageDueAt","StageYellowAt","StageProvisional","DeferredMaterials","AttentionAt","EarliestDueAt","Channel","EscalatedToBackup","CountedBand")
        SELECT gen_random_uuid(), 'B' || g, v."Id", v."Code", v."Version", v."DefinitionId",
          CASE WHEN g % 3 = 0 THEN 'AwaitingSignFor' ELSE 'Handling' END, 'ProxyIntake',
          (ARRAY['dongmen','xijie','nanhu','beiyuan'])[1 + g % 4], t.township, t.township || '-backoffice',
          '测试', '11010519491231002X', '13800138000', '[]', '[]', 0, 'dongmen.clerk',
          o.opened, o.opened, 3, 15, 15, o.opened, o.opened + interval '21 days' + (g % 7) * interval '1 day', o.opened + interval '16 days', false,
          0, CASE WHEN g % 3 = 0 THEN 'signFor' ELSE 'handle' END, o.opened, 10,
          o.opened + interval '18 days', o.opened + interval '15 days', false, '[]',
          o.opened + interval '15 days', o.opened + interval '18 days', 'Window', false, 0
        FROM generate_series(1, {cases}) g
        CROSS JOIN LATERAL (SELECT now() - (g / 5 % 20) * interval '1 day' - (g % 1440) * interval '1 minute' AS opened) o
        CROSS JOIN LATERAL (SELECT (ARRAY['hexi','shiqiao','liulin','baisha','longtan'])[1 + g % 5] AS township) t
        JOIN LATERAL (SELECT * FROM item_versions WHERE "IsCurrent" ORDER BY "Code" OFFSET g % 12 LIMIT 1) v ON true
        """;
}
