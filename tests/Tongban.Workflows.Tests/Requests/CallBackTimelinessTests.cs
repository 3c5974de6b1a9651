using Tongban.Workflows.Requests;

namespace Tongban.Workflows.Tests.Requests;

/// <summary>Whether an online request was called back within its limit: the limit's own instant is in time; an open request is late only once the limit has passed.</summary>
public sealed class CallBackTimelinessTests
{
    private static readonly DateTimeOffset Due = new(2026, 11, 30, 17, 30, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData(-60, CallBackStanding.OnTime)]
    [InlineData(0, CallBackStanding.OnTime)]
    [InlineData(1, CallBackStanding.Late)]
    public void A_call_back_is_on_time_up_to_and_including_the_limit(int minutesAfterDue, CallBackStanding expected)
    {
        // "Now" does not matter once the call is recorded, also long after the limit.
        Assert.Equal(expected, CallBackTimeliness.Of(Due, Due.AddMinutes(minutesAfterDue), Due.AddDays(30)));
        Assert.Equal(expected, CallBackTimeliness.Of(Due, Due.AddMinutes(minutesAfterDue), Due.AddMinutes(minutesAfterDue)));
    }

    [Fact]
    public void An_open_request_is_past_its_limit_only_after_the_limit()
    {
        Assert.Equal(CallBackStanding.OpenWithinLimit, CallBackTimeliness.Of(Due, null, Due.AddHours(-3)));
        Assert.Equal(CallBackStanding.OpenWithinLimit, CallBackTimeliness.Of(Due, null, Due));
        Assert.Equal(CallBackStanding.OpenPastLimit, CallBackTimeliness.Of(Due, null, Due.AddTicks(1)));
    }

    [Fact]
    public void Offsets_do_not_matter_only_the_instant()
    {
        Assert.Equal(CallBackStanding.OnTime, CallBackTimeliness.Of(Due, Due.ToUniversalTime(), Due));
        Assert.Equal(CallBackStanding.Late, CallBackTimeliness.Of(Due, Due.ToUniversalTime().AddSeconds(1), Due));
    }
}
