using System.Diagnostics;
using System.Text.Json;

namespace Tongban.Limit;

/// <summary>A hand-off: the receiver moves the case from <paramref name="From"/> (at <paramref name="Version"/>) to <paramref name="To"/>.</summary>
public sealed record HandOff(Guid CaseId, int Version, string From, string To);

/// <summary>A transition, as the bureau's monitor learns of it.</summary>
public sealed record CaseEvent(Guid CaseId, int Seq, string State);

public static class Messages
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Outgoing HandOff(string queue, HandOff message) => new(Guid.CreateVersion7(), queue, JsonSerializer.Serialize(message, Json));

    public static Outgoing Event(CaseEvent message) => new(Guid.CreateVersion7(), Walk.Monitor, JsonSerializer.Serialize(message, Json));

    public static T Read<T>(ReadOnlyMemory<byte> body) => JsonSerializer.Deserialize<T>(body.Span, Json)!;
}

/// <summary>Latencies in milliseconds, kept only while the measured window is open.</summary>
public sealed class Samples
{
    private readonly List<double> _values = [];
    private volatile bool _on;

    public void Start()
    {
        lock (_values) _values.Clear();
        _on = true;
    }

    public void Stop() => _on = false;

    public void Since(long timestamp)
    {
        if (!_on) return;
        var ms = Stopwatch.GetElapsedTime(timestamp).TotalMilliseconds;
        lock (_values) _values.Add(ms);
    }

    /// <summary>Nearest-rank percentile (p in 0..100); NaN when there is none.</summary>
    public double Percentile(double p)
    {
        double[] sorted;
        lock (_values) sorted = [.. _values.Order()];
        if (sorted.Length == 0) return double.NaN;
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
