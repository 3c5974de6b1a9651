namespace Tongban.Integration.Tests.Infrastructure;

/// <summary>An injected clock that moves only when a test moves it (the system under test reads time only through TimeProvider).</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

    public void Set(DateTimeOffset to) => Interlocked.Exchange(ref _ticks, to.UtcTicks);

    /// <summary>A local time in the county (UTC+8, no daylight saving).</summary>
    public static DateTimeOffset Shanghai(int year, int month, int day, int hour = 9, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.FromHours(8));
}
