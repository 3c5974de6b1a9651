namespace Tongban.Browser.Tests.Infrastructure;

/// <summary>Real time plus an offset the test moves forward, so deadlines pass without waiting days.</summary>
public sealed class ManualClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
