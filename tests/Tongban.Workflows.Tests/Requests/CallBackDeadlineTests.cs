using Tongban.Workflows.Requests;
using Tongban.Workflows.Tests.Calendars;

namespace Tongban.Workflows.Tests.Requests;

/// <summary>By when the community calls back a resident who asked online, on the county's calendar (2026).</summary>
public sealed class CallBackDeadlineTests
{
    private static readonly OfficeHours Hours = new(new TimeOnly(8, 30), new TimeOnly(17, 30));

    private static DateTimeOffset Local(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(8));

    private static DateTimeOffset Due(DateTimeOffset submitted, double? workingHours = null) =>
        CallBackDeadline.Of(submitted, CalendarData.Calendar2025And2026(), CalendarData.Shanghai, Hours, workingHours);

    [Fact]
    public void During_office_hours_of_a_working_day_it_is_due_at_closing_time_the_same_day()
    {
        // Friday 27 November 2026, 10:15.
        Assert.Equal(Local(11, 27, 17, 30), Due(Local(11, 27, 10, 15)));
        // Before opening counts as the same day too.
        Assert.Equal(Local(11, 27, 17, 30), Due(Local(11, 27, 7, 0)));
    }

    [Fact]
    public void After_closing_it_is_due_at_the_end_of_the_next_working_day_over_a_weekend()
    {
        // Friday 18:00 → Monday 30 November.
        Assert.Equal(Local(11, 30, 17, 30), Due(Local(11, 27, 18, 0)));
        // Exactly at closing is after hours.
        Assert.Equal(Local(11, 30, 17, 30), Due(Local(11, 27, 17, 30)));
        // Saturday → Monday.
        Assert.Equal(Local(11, 30, 17, 30), Due(Local(11, 28, 11, 0)));
    }

    [Fact]
    public void On_a_holiday_it_is_due_on_the_next_working_day_of_the_county_calendar_including_a_make_up_Saturday()
    {
        // 国庆节 2026: 1–7 October off; Thursday 8 October is the next working day.
        Assert.Equal(Local(10, 8, 17, 30), Due(Local(10, 3, 9, 0)));
        // Friday 9 October after closing: Saturday 10 October is a make-up working day.
        Assert.Equal(Local(10, 10, 17, 30), Due(Local(10, 9, 20, 0)));
    }

    [Fact]
    public void The_instant_is_read_in_the_county_time_zone_not_in_UTC()
    {
        // 2026-11-27 01:00 UTC is 09:00 in the county: due the same county day.
        Assert.Equal(Local(11, 27, 17, 30), Due(new DateTimeOffset(2026, 11, 27, 1, 0, 0, TimeSpan.Zero)));
        // 2026-11-27 10:00 UTC is 18:00 in the county: after closing.
        Assert.Equal(Local(11, 30, 17, 30), Due(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void A_limit_in_working_hours_counts_office_time_only()
    {
        // Friday 10:00 + 2 h → 12:00.
        Assert.Equal(Local(11, 27, 12, 0), Due(Local(11, 27, 10, 0), 2));
        // Friday 16:30 + 2 h → 1 h on Friday, 1 h from Monday's opening.
        Assert.Equal(Local(11, 30, 9, 30), Due(Local(11, 27, 16, 30), 2));
        // After hours: from the next opening.
        Assert.Equal(Local(11, 30, 10, 30), Due(Local(11, 27, 19, 0), 2));
        // Before opening: from that morning's opening.
        Assert.Equal(Local(11, 27, 9, 0), Due(Local(11, 27, 6, 0), 0.5));
    }

    [Fact]
    public void Overdue_is_strictly_after_the_deadline()
    {
        var due = Local(11, 27, 17, 30);
        Assert.False(CallBackDeadline.IsOverdue(due, due));
        Assert.True(CallBackDeadline.IsOverdue(due, due.AddSeconds(1)));
    }
}
