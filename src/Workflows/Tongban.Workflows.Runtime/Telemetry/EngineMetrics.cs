using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Tongban.Workflows.Runtime.Telemetry;

/// <summary>
/// The engine's meter (<c>Tongban.Engine</c>): what a county's operations team graphs and alerts on. Labels are
/// item codes, unit (jurisdiction) codes, actions and colours only — never a person, a case number or an id, so the
/// series stay few and carry no personal data. Counters and histograms are recorded where the thing happens; the
/// gauges read <see cref="EngineGaugeSampler"/>'s last snapshot (the database is never queried in a callback).
/// </summary>
public static class EngineMetrics
{
    public const string MeterName = "Tongban.Engine";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Committed case transitions, labelled <c>action</c> and <c>item</c>.</summary>
    public static readonly Counter<long> Transitions = Meter.CreateCounter<long>("tongban.transitions", "{transition}", "Case transitions committed, by action and item");

    /// <summary>Sender's commit → receiver's commit of a hand-off, labelled <c>action</c> (the sending one) and <c>unit</c> (the receiving jurisdiction).</summary>
    public static readonly Histogram<double> HandOffLatency = Meter.CreateHistogram(
        "tongban.handoff.latency", "s", "Hand-off latency from the sender's commit to the receiver's commit",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800] });

    /// <summary>Copies of already applied messages the inbox dropped (redeliveries after a crash or a lost confirm).</summary>
    public static readonly Counter<long> InboxDuplicates = Meter.CreateCounter<long>("tongban.inbox.duplicates", "{message}", "Redelivered messages dropped by the inbox");

    /// <summary>Due instant → fired instant of a case timer, labelled <c>action</c> (the timer's kind).</summary>
    public static readonly Histogram<double> TimerLag = Meter.CreateHistogram(
        "tongban.timer.lag", "s", "Lag from a timer's due instant to its firing",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600] });

    /// <summary>Refused sign-ins (wrong password, no password, locked, throttled).</summary>
    public static readonly Counter<long> LoginFailures = Meter.CreateCounter<long>("tongban.login.failures", "{attempt}", "Refused sign-in attempts");

    private static volatile EngineGauges _gauges = EngineGauges.Empty;

    static EngineMetrics()
    {
        Meter.CreateObservableGauge("tongban.cases.open", () => _gauges.OpenCases, "{case}", "Open cases by the unit holding them, item and colour (green, yellow, red)");
        Meter.CreateObservableGauge("tongban.outbox.backlog", () => Single(_gauges.OutboxBacklog), "{message}", "Outbox messages not yet confirmed by the broker");
        Meter.CreateObservableGauge("tongban.outbox.oldest_age", () => Single(_gauges.OutboxOldestAgeSeconds), "s", "Age of the oldest outbox message not yet confirmed by the broker (0 when empty)");
        Meter.CreateObservableGauge("tongban.dead_letters.open", () => Single(_gauges.DeadLettersOpen), "{message}", "Dead letters not yet replayed");
    }

    /// <summary>What the gauges report from now on (the sampler's latest read).</summary>
    public static EngineGauges Gauges
    {
        get => _gauges;
        set => _gauges = value;
    }

    public static void RecordTransition(string action, string item) =>
        Transitions.Add(1, new TagList { { "action", action }, { "item", item } });

    public static void RecordHandOff(TimeSpan latency, string action, string unit) =>
        HandOffLatency.Record(Math.Max(0, latency.TotalSeconds), new TagList { { "action", action }, { "unit", unit } });

    public static void RecordTimerLag(TimeSpan lag, string kind) =>
        TimerLag.Record(Math.Max(0, lag.TotalSeconds), new TagList { { "action", kind } });

    private static IEnumerable<Measurement<T>> Single<T>(T? value) where T : struct =>
        value is { } v ? [new Measurement<T>(v)] : [];
}

/// <summary>A snapshot of the database-wide gauges; null where it has not been read yet (nothing is reported then).</summary>
public sealed record EngineGauges(IReadOnlyList<Measurement<long>> OpenCases, long? OutboxBacklog, double? OutboxOldestAgeSeconds, long? DeadLettersOpen)
{
    public static readonly EngineGauges Empty = new([], null, null, null);
}
