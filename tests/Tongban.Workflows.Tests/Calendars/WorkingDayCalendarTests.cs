using Tongban.Workflows.Calendars;

namespace Tongban.Workflows.Tests.Calendars;

public class WorkingDayCalendarTests
{
    private readonly WorkingDayCalendar _calendar = CalendarData.Calendar2025And2026();

    [Theory]
    // 2025 Spring Festival: off Tue 01-28 to Tue 02-04; make-up Sun 01-26 and Sat 02-08.
    [InlineData("2025-01-25", false)] // Saturday, ordinary weekend
    [InlineData("2025-01-26", true)] // Sunday, make-up working day
    [InlineData("2025-01-27", true)] // Monday before the holiday
    [InlineData("2025-01-28", false)] // first day of 春节
    [InlineData("2025-02-03", false)] // Monday inside 春节
    [InlineData("2025-02-04", false)] // Tuesday, last day of 春节
    [InlineData("2025-02-05", true)] // Wednesday, back to work
    [InlineData("2025-02-08", true)] // Saturday, make-up working day
    [InlineData("2025-02-09", false)] // Sunday, ordinary weekend
    // 2025 National Day + Mid-Autumn: off Wed 10-01 to Wed 10-08; make-up Sun 09-28 and Sat 10-11.
    [InlineData("2025-09-27", false)] // Saturday
    [InlineData("2025-09-28", true)] // Sunday, make-up
    [InlineData("2025-09-30", true)] // Tuesday
    [InlineData("2025-10-01", false)]
    [InlineData("2025-10-08", false)] // Wednesday, last day off
    [InlineData("2025-10-09", true)] // Thursday
    [InlineData("2025-10-11", true)] // Saturday, make-up
    [InlineData("2025-10-12", false)] // Sunday
    // 2026 Spring Festival: off Sun 02-15 to Mon 02-23; make-up Sat 02-14 and Sat 02-28.
    [InlineData("2026-02-13", true)] // Friday
    [InlineData("2026-02-14", true)] // Saturday, make-up
    [InlineData("2026-02-15", false)]
    [InlineData("2026-02-23", false)] // Monday, last day off
    [InlineData("2026-02-24", true)] // Tuesday
    [InlineData("2026-02-28", true)] // Saturday, make-up
    [InlineData("2026-03-01", false)] // Sunday
    // 2026 Mid-Autumn Fri 09-25 to Sun 09-27 (make-up Sun 09-20); National Day Thu 10-01 to Wed 10-07 (make-up Sat 10-10).
    [InlineData("2026-09-20", true)]
    [InlineData("2026-09-25", false)]
    [InlineData("2026-09-28", true)] // Monday between the two holidays
    [InlineData("2026-10-05", false)] // Monday inside 国庆节
    [InlineData("2026-10-07", false)] // Wednesday, last day off
    [InlineData("2026-10-08", true)] // Thursday
    [InlineData("2026-10-10", true)] // Saturday, make-up
    [InlineData("2026-10-11", false)] // Sunday
    // 2026 New Year: off Thu 01-01 to Sat 01-03, make-up Sun 01-04.
    [InlineData("2026-01-02", false)] // Friday inside 元旦
    [InlineData("2026-01-04", true)]
    public void Knows_holidays_and_make_up_days_from_the_official_files(string date, bool expected)
    {
        Assert.Equal(expected, _calendar.IsWorkingDay(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Year_without_schedule_is_weekdays_only()
    {
        Assert.False(_calendar.HasScheduleFor(2027));
        Assert.True(_calendar.HasScheduleFor(2026));
        Assert.True(_calendar.IsWorkingDay(new DateOnly(2027, 1, 1))); // Friday; 元旦 unknown without the 2027 schedule
        Assert.False(_calendar.IsWorkingDay(new DateOnly(2027, 1, 2))); // Saturday
        Assert.Equal([2025, 2026], _calendar.Years);
    }

    [Fact]
    public void With_returns_a_new_calendar_and_leaves_the_old_one_alone()
    {
        var schedule2027 = HolidaySchedule.Parse("""
            { "year": 2027, "holidays": [ { "name": "元旦", "from": "2027-01-01", "to": "2027-01-03" } ] }
            """);

        var updated = _calendar.With(schedule2027);

        Assert.True(updated.HasScheduleFor(2027));
        Assert.False(updated.IsWorkingDay(new DateOnly(2027, 1, 1)));
        Assert.False(_calendar.HasScheduleFor(2027));
        Assert.True(_calendar.IsWorkingDay(new DateOnly(2027, 1, 1)));
    }

    [Fact]
    public void With_replaces_the_schedule_of_the_same_year()
    {
        // A corrected 2026 schedule without the Spring Festival make-up day 02-28.
        var corrected = HolidaySchedule.Parse("""
            { "year": 2026, "holidays": [ { "name": "春节", "from": "2026-02-15", "to": "2026-02-23" } ], "makeUpWorkdays": [ "2026-02-14" ] }
            """);

        var updated = _calendar.With(corrected);

        Assert.False(updated.IsWorkingDay(new DateOnly(2026, 2, 28)));
        Assert.Same(corrected, updated.ScheduleFor(2026));
        Assert.True(_calendar.IsWorkingDay(new DateOnly(2026, 2, 28)));
    }

    [Fact]
    public void A_holiday_spilling_from_the_next_years_schedule_is_honoured()
    {
        // 2023-style New Year: the 2023 schedule makes Saturday 2022-12-31 a holiday; it is a weekend
        // anyway, so use Monday 2023-01-02 from the same entry and a spilled make-up Saturday in 2022.
        var schedule2023 = HolidaySchedule.Parse("""
            { "year": 2023, "holidays": [ { "name": "元旦", "from": "2022-12-31", "to": "2023-01-02" } ], "makeUpWorkdays": [ "2022-12-24" ] }
            """);
        var calendar = new WorkingDayCalendar([schedule2023]);

        Assert.False(calendar.IsWorkingDay(new DateOnly(2023, 1, 2)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2022, 12, 24)));
    }

    [Fact]
    public void Two_schedules_for_one_year_are_rejected()
    {
        var schedule = CalendarData.LoadSchedule(2025);

        Assert.Throws<ArgumentException>(() => new WorkingDayCalendar([schedule, CalendarData.LoadSchedule(2025)]));
    }
}
