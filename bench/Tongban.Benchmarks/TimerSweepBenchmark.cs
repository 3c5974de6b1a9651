using System.Diagnostics;
using System.Globalization;

namespace Tongban.Benchmarks;

/// <summary>
/// N durable timers falling due at once (e.g. after a node was down over a weekend), swept by one or two nodes.
/// Target: 100,000 timers in under 10 s, each fired exactly once.
/// </summary>
public static class TimerSweepBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var timers = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        Console.WriteLine($"Timer sweep, {timers:N0} yellow timers due at once (each fires a reminder and a notification); {BenchDatabase.Machine()}");
        Console.WriteLine();
        Console.WriteLine("| nodes | seconds | timers/s | reminders | duplicates |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var nodes in (Environment.GetEnvironmentVariable("BENCH_NODES") ?? "1,2").Split(',').Select(int.Parse))
        {
            await using var db = await BenchDatabase.CreateAsync("bench_timers");
            await db.ExecuteAsync(SeedSql(timers));
            await db.ExecuteAsync("VACUUM ANALYZE");

            var hosts = Enumerable.Range(0, nodes).Select(_ => db.Host(settings: ("TimeLimits:SweepInterval", "00:00:00.050"))).ToList();
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(hosts.Select(h => h.StartAsync()));
            while (await db.ScalarAsync("SELECT count(*) FROM case_timers WHERE \"FiredAt\" IS NULL") > 0)
            {
                await Task.Delay(50);
            }

            var seconds = watch.Elapsed.TotalSeconds;
            await Task.WhenAll(hosts.Select(h => h.StopAsync()));
            foreach (var host in hosts) host.Dispose();

            var reminders = await db.ScalarAsync("SELECT count(*) FROM reminders");
            var distinct = await db.ScalarAsync("SELECT count(DISTINCT \"TimerId\") FROM reminders");
            Console.WriteLine($"| {nodes} | {seconds:F1} | {timers / seconds:N0} | {reminders:N0} | {reminders - distinct + (timers - reminders):N0} |");
        }

        return 0;
    }

    private static string SeedSql(int count) => $"""
        INSERT INTO cases ("Id","Number","ItemVersionId","ItemCode","ItemVersion","DefinitionId","State","Mode","IntakeCommunityId","RegistrationTownshipId",
          "CurrentPostId","ApplicantName","ApplicantIdNumber","ApplicantPhone","MaterialsHandedIn","MissingMaterials","CorrectionRounds","FirstContactStaffId",
          "OpenedAt","UpdatedAt","Version","OverallLimitDays","PlannedOverallDays","OverallStartedAt","OverallDueAt","OverallYellowAt","OverallProvisional",
          "ExtensionDays","StageProvisional","DeferredMaterials","AttentionAt","EarliestDueAt","Channel","EscalatedToBackup","CountedBand")
        SELECT ('00000000-0000-0000-0000-' || lpad(to_hex(g), 12, '0'))::uuid, 'T' || g, v."Id", v."Code", v."Version", v."DefinitionId", 'Handling', 'ProxyIntake',
          'dongmen', 'hexi', 'hexi-backoffice', '测试', '11010519491231002X', '13800138000', '[]', '[]', 0, 'dongmen.clerk',
          now() - interval '20 days', now() - interval '20 days', 3, 15, 15, now() - interval '20 days', now() + interval '1 day', now() - interval '1 minute', false,
          0, false, '[]', now() - interval '1 minute', now() + interval '1 day', 'Window', false, 0
        FROM generate_series(1, {count}) g
        CROSS JOIN (SELECT * FROM item_versions WHERE "Code" = 'QS-MZ-001' AND "IsCurrent") v;
        INSERT INTO case_timers ("Id","CaseId","Kind","Scope","DueAt","CreatedAt","Version")
        SELECT gen_random_uuid(), ('00000000-0000-0000-0000-' || lpad(to_hex(g), 12, '0'))::uuid, 'Yellow', 'overall', now() - interval '1 minute', now() - interval '20 days', 0
        FROM generate_series(1, {count}) g;
        """;
}
