using Tongban.Workflows.Auditing;

namespace Tongban.Workflows.Tests.Auditing;

public sealed class AuditSealFloorTests
{
    private static AuditSealFloor Floor() => new(lookback: TimeSpan.FromSeconds(30), fullScanEvery: TimeSpan.FromSeconds(60));

    [Fact]
    public void The_first_round_looks_from_the_first_record()
    {
        Assert.Equal(long.MinValue, Floor().StartAt(nowMs: 1_000));
    }

    [Fact]
    public void A_round_starts_after_what_a_round_read_a_lookback_ago_and_not_after_anything_read_since()
    {
        var floor = Floor();
        floor.StartAt(0);
        floor.Read(endedMs: 0, highest: 100);
        floor.Read(endedMs: 10_000, highest: 250);

        Assert.Equal(long.MinValue, floor.StartAt(29_999)); // nothing read 30 s ago yet
        Assert.Equal(100, floor.StartAt(30_000));
        Assert.Equal(100, floor.StartAt(39_999)); // 250 was read less than 30 s ago: a record below it may still commit
        Assert.Equal(250, floor.StartAt(40_000));
    }

    [Fact]
    public void The_floor_never_goes_back_and_a_round_from_the_start_comes_around_regularly()
    {
        var floor = Floor();
        floor.StartAt(0);
        floor.Read(0, 500);
        floor.Read(1_000, 400); // a later round that read less (after a round from the start)
        Assert.Equal(500, floor.StartAt(31_000));

        Assert.Equal(long.MinValue, floor.StartAt(60_000)); // a transaction longer than the lookback is caught here
        Assert.Equal(500, floor.StartAt(60_001));
    }
}
