using Tongban.Workflows.Residents;
using Tongban.Workflows.Tests.Calendars;

namespace Tongban.Workflows.Tests.Residents;

/// <summary>Door-to-door days on the 2026 calendar around 中秋 and 国庆 (holidays 9-25..27 and 10-1..7, make-up Saturday 10-10).</summary>
public class VisitDaysTests
{
    private static readonly Tongban.Workflows.Calendars.WorkingDayCalendar Calendar = CalendarData.Calendar2025And2026();
    private static readonly DateOnly Today = new(2026, 9, 27); // a Sunday in the 中秋 holiday

    [Fact]
    public void A_publication_sets_working_days_only_with_the_make_up_saturday_and_without_holidays()
    {
        var days = VisitDays.Publishable(Calendar, new(2026, 9, 26), new(2026, 10, 11));
        Assert.Equal([new(2026, 9, 28), new(2026, 9, 29), new(2026, 9, 30), new(2026, 10, 8), new(2026, 10, 9), new(2026, 10, 10)], days);
    }

    [Theory]
    [InlineData("2026-09-27", 3, 0, VisitDayCheck.TooEarly)] // today
    [InlineData("2026-09-25", 3, 0, VisitDayCheck.TooEarly)] // past
    [InlineData("2026-10-03", 3, 0, VisitDayCheck.NotWorkingDay)] // 国庆
    [InlineData("2026-10-11", 3, 0, VisitDayCheck.NotWorkingDay)] // Sunday
    [InlineData("2026-10-28", 3, 0, VisitDayCheck.TooFar)] // 31 days ahead
    [InlineData("2026-10-27", 3, 0, VisitDayCheck.Bookable)] // 30 days ahead
    [InlineData("2026-10-10", 3, 2, VisitDayCheck.Bookable)] // make-up Saturday, one place left
    [InlineData("2026-09-28", 2, 2, VisitDayCheck.Full)]
    [InlineData("2026-09-28", 2, 3, VisitDayCheck.Full)] // capacity lowered below what is booked
    [InlineData("2026-09-28", 0, 0, VisitDayCheck.NotPublished)] // closed
    public void A_day_is_bookable_when_published_a_working_day_from_tomorrow_within_the_horizon_with_a_place_left(string day, int capacity, int booked, VisitDayCheck expected)
    {
        var d = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, VisitDays.Check(Calendar, new VisitDay(d, capacity, booked), d, Today));
    }

    [Fact]
    public void A_working_day_nobody_published_is_not_bookable()
    {
        Assert.Equal(VisitDayCheck.NotPublished, VisitDays.Check(Calendar, null, new(2026, 9, 28), Today));
    }

    [Fact]
    public void The_bookable_list_keeps_only_bookable_days_in_order_with_places_left()
    {
        VisitDay[] published =
        [
            new(new(2026, 10, 9), 3, 1),
            new(new(2026, 9, 28), 2, 2), // full
            new(new(2026, 10, 3), 5, 0), // holiday (published before the schedule changed)
            new(new(2026, 9, 29), 1, 0),
            new(new(2026, 9, 30), 0, 0), // closed
        ];
        var bookable = VisitDays.Bookable(Calendar, published, Today);
        Assert.Equal([(new DateOnly(2026, 9, 29), 1), (new DateOnly(2026, 10, 9), 2)], bookable.Select(d => (d.Day, d.Left)));
    }
}
