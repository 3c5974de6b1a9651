namespace Tongban.Testing;

/// <summary>
/// An injected clock that a test moves (the system under test reads time only through TimeProvider). Made with a
/// start time it stands still there until moved; made without one it runs with real time plus what the test added,
/// so deadlines pass without waiting days while pages and sessions still see time go by.
/// </summary>
public sealed class ManualClock : TimeProvider
{
    private readonly DateTimeOffset? _standingAt;
    private long _offsetTicks;

    /// <summary>Real time plus the offset the test moves forward.</summary>
    public ManualClock()
    {
    }

    /// <summary>Stands at <paramref name="start"/> until moved.</summary>
    public ManualClock(DateTimeOffset start) => _standingAt = start;

    public override DateTimeOffset GetUtcNow() => new(Base.UtcTicks + Interlocked.Read(ref _offsetTicks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public void Set(DateTimeOffset to) => Interlocked.Exchange(ref _offsetTicks, to.UtcTicks - Base.UtcTicks);

    /// <summary>A local time in the county (UTC+8, no daylight saving).</summary>
    public static DateTimeOffset Shanghai(int year, int month, int day, int hour = 9, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.FromHours(8));

    private DateTimeOffset Base => _standingAt ?? System.GetUtcNow();
}
