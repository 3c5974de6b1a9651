using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.DeadLetters;
using Tongban.Workflows.Runtime.Messaging;
using Tongban.Workflows.Runtime.Monitoring;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Runtime.Telemetry;

public sealed class EngineMetricsOptions
{
    /// <summary>How often the database-wide gauges (open cases, outbox, dead letters) are read; zero turns the reads off.</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Reads the database-wide gauges of <see cref="EngineMetrics"/> on its own schedule, so that an exporter's
/// collection never waits on the database: open cases by unit, item and colour (yellow and red from the bureau's
/// running counts, as the dashboard; green is the rest of one grouping of the open cases), the outbox backlog and
/// its oldest age, open dead letters. Every process samples; the values are the county's, so graphs take the max.
/// </summary>
public sealed class EngineGaugeSampler(IServiceScopeFactory scopes, TimeProvider clock, IOptions<EngineMetricsOptions> options, ILogger<EngineGaugeSampler> logger) : BackgroundService
{
    /// <summary>The unit label of cases travelling between jurisdictions (no post holds them).</summary>
    public const string InTransit = "in-transit";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.SampleInterval;
        if (interval <= TimeSpan.Zero) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                EngineMetrics.Gauges = await SampleAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database is away: the gauges keep their last values, readiness says what is wrong.
                logger.LogWarning(e, "Reading the engine gauges failed; retrying at the next interval");
            }

            await Task.Delay(interval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public async Task<EngineGauges> SampleAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        var now = clock.GetUtcNow();
        var outbox = await OutboxBacklog.ReadAsync(db, now, ct);
        var deadLetters = await db.DeadLetters.AsNoTracking().LongCountAsync(d => d.Status == DeadLetterStatus.Open, ct);
        return new EngineGauges(await OpenCasesAsync(db, now, ct), outbox.Count, outbox.OldestAge.TotalSeconds, deadLetters);
    }

    private static async Task<IReadOnlyList<Measurement<long>>> OpenCasesAsync(TongbanDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var units = await db.Posts.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.JurisdictionId, ct);
        string Unit(string? post) => post is null ? InTransit : units.GetValueOrDefault(post, InTransit);

        var open = await db.Cases.AsNoTracking().Where(c => c.CompletedAt == null && c.State != CaseStates.None)
            .GroupBy(c => new { c.CurrentPostId, c.ItemCode }).Select(g => new { g.Key.CurrentPostId, g.Key.ItemCode, Cases = g.LongCount() }).ToListAsync(ct);
        var coloured = await BureauCountsQuery.ReadAsync(db, now, ct);

        var tallies = new Dictionary<(string Unit, string Item), (long Open, long Yellow, long Red)>();
        foreach (var o in open)
        {
            var key = (Unit(o.CurrentPostId), o.ItemCode);
            var t = tallies.GetValueOrDefault(key);
            tallies[key] = (t.Open + o.Cases, t.Yellow, t.Red);
        }

        foreach (var c in coloured)
        {
            var key = (Unit(c.PostId), c.ItemCode);
            var t = tallies.GetValueOrDefault(key);
            tallies[key] = (t.Open, t.Yellow + c.Yellow, t.Red + c.Red);
        }

        var measurements = new List<Measurement<long>>(tallies.Count * 3);
        foreach (var ((unit, item), (total, yellow, red)) in tallies)
        {
            measurements.Add(Measure(Math.Max(0, total - yellow - red), unit, item, "green"));
            measurements.Add(Measure(yellow, unit, item, "yellow"));
            measurements.Add(Measure(red, unit, item, "red"));
        }

        return measurements;
    }

    private static Measurement<long> Measure(long cases, string unit, string item, string colour) =>
        new(cases, new TagList { { "unit", unit }, { "item", item }, { "colour", colour } });
}
