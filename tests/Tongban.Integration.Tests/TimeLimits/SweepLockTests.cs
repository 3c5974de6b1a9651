using Tongban.Workflows.Runtime.Monitoring;

namespace Tongban.Integration.Tests.TimeLimits;

/// <summary>
/// When a save must lock a case's counted band before counting it (pure, no host): only when a band sweep may have
/// moved it since it was loaded. Skipping the lock anywhere else is what keeps a step to one locking-free batch.
/// </summary>
public sealed class SweepLockTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_green_case_whose_yellow_instant_is_beyond_the_sweep_skew_is_not_locked() =>
        Assert.False(BureauCounts.MaySweepHaveMoved(AttentionBand.None, Now + BureauCounts.SweepSkew + TimeSpan.FromSeconds(1), Now));

    [Fact]
    public void A_case_without_a_clock_is_never_locked() =>
        Assert.False(BureauCounts.MaySweepHaveMoved(AttentionBand.None, attentionAt: null, Now));

    [Theory]
    [InlineData(0)] // turning yellow now
    [InlineData(-60)] // yellow since an hour, not swept yet
    [InlineData(4)] // within another node's clock skew
    public void A_green_case_at_or_near_its_yellow_instant_is_locked(int minutes) =>
        Assert.True(BureauCounts.MaySweepHaveMoved(AttentionBand.None, Now.AddMinutes(minutes), Now));

    [Theory]
    [InlineData(AttentionBand.Yellow)]
    [InlineData(AttentionBand.Red)]
    public void A_case_counted_yellow_or_red_is_always_locked(AttentionBand band) =>
        Assert.True(BureauCounts.MaySweepHaveMoved(band, Now.AddDays(30), Now));
}
