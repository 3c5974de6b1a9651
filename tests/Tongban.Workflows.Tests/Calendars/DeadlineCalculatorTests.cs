using System.Globalization;
using Tongban.Workflows.Calendars;

namespace Tongban.Workflows.Tests.Calendars;

// Every expected date below is counted by hand from data/calendars/cn-2025.json and cn-2026.json,
// with the count written next to it. The start day is never counted (民法典 §201).
public class DeadlineCalculatorTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    // A made-up 2027 schedule for the tests only (the real one is published in November 2026):
    // 元旦 Fri 2027-01-01 to Sun 01-03; 春节 Sat 02-06 to Sun 02-14 with make-up Sat 02-20.
    private const string Test2027Json = """
        {
          "year": 2027,
          "source": "test data, not the official notice",
          "holidays": [
            { "name": "元旦", "from": "2027-01-01", "to": "2027-01-03" },
            { "name": "春节", "from": "2027-02-06", "to": "2027-02-14" }
          ],
          "makeUpWorkdays": [ "2027-02-20" ]
        }
        """;

    private readonly DeadlineCalculator _calculator = new(CalendarData.Calendar2025And2026(), CalendarData.Shanghai);

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    private static DateOnly Day(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    private static DateTimeOffset EndOfDay(string isoDate) => new(Day(isoDate).ToDateTime(new TimeOnly(23, 59, 59)), China);

    [Fact]
    public void Fifteen_working_days_across_the_2025_National_Day_holiday()
    {
        // Start Mon 2025-09-22 (not counted). Tue 23 (1), Wed 24 (2), Thu 25 (3), Fri 26 (4), Sat 27 off,
        // Sun 28 make-up (5), Mon 29 (6), Tue 30 (7), Oct 1–8 off, Thu Oct 9 (8), Fri 10 (9),
        // Sat 11 make-up (10), Sun 12 off, Mon 13 (11), Tue 14 (12), Wed 15 (13), Thu 16 (14), Fri 17 (15).
        var deadline = _calculator.AddWorkingDays(At("2025-09-22T10:00:00+08:00"), 15);

        Assert.Equal(Day("2025-10-17"), deadline.DueDate);
        Assert.Equal(EndOfDay("2025-10-17"), deadline.DueAt);
        Assert.False(deadline.IsProvisional);
        Assert.Equal(15, _calculator.WorkingDaysBetween(Day("2025-09-22"), deadline.DueDate));
    }

    [Fact]
    public void Period_starting_inside_the_2025_Spring_Festival()
    {
        // Start Thu 2025-01-30 (a holiday, not counted anyway). Jan 31 – Feb 4 off,
        // Wed Feb 5 (1), Thu 6 (2), Fri 7 (3).
        var deadline = _calculator.AddWorkingDays(At("2025-01-30T09:00:00+08:00"), 3);

        Assert.Equal(Day("2025-02-07"), deadline.DueDate);
    }

    [Fact]
    public void Period_starting_on_a_make_up_Saturday()
    {
        // Start Sat 2025-02-08 (make-up working day, not counted). Sun 9 off, Mon 10 (1).
        var deadline = _calculator.AddWorkingDays(At("2025-02-08T11:00:00+08:00"), 1);

        Assert.Equal(Day("2025-02-10"), deadline.DueDate);
    }

    [Fact]
    public void Immediate_item_received_on_a_make_up_Saturday_is_due_that_day()
    {
        // 即办件 on Sat 2025-02-08, a working day: same day.
        var deadline = _calculator.AddWorkingDays(At("2025-02-08T11:00:00+08:00"), 0);

        Assert.Equal(Day("2025-02-08"), deadline.DueDate);
        Assert.Equal(EndOfDay("2025-02-08"), deadline.DueAt);
    }

    [Theory]
    [InlineData("2025-03-16T10:00:00+08:00", "2025-03-17")] // Sun → Mon
    [InlineData("2026-02-22T10:00:00+08:00", "2026-02-24")] // Sun inside 春节 (to Mon 02-23) → Tue
    [InlineData("2025-03-17T16:00:00+08:00", "2025-03-17")] // Mon, a working day → same day
    public void Immediate_item_received_on_a_day_off_is_due_the_next_working_day(string received, string due)
    {
        var deadline = _calculator.AddWorkingDays(At(received), 0);

        Assert.Equal(Day(due), deadline.DueDate);
        Assert.False(deadline.IsProvisional);
    }

    [Fact]
    public void Start_date_is_the_county_local_date_not_the_UTC_date()
    {
        // Both instants are on UTC date 2025-03-13, but in Shanghai (UTC+8) the first is Thu 23:30
        // and the second Fri 00:30.
        // Thu start: Fri 03-14 (1). Fri start: Sat, Sun off, Mon 03-17 (1).
        var lateThursday = _calculator.AddWorkingDays(At("2025-03-13T15:30:00Z"), 1);
        var earlyFriday = _calculator.AddWorkingDays(At("2025-03-13T16:30:00Z"), 1);

        Assert.Equal(Day("2025-03-14"), lateThursday.DueDate);
        Assert.Equal(Day("2025-03-17"), earlyFriday.DueDate);
        Assert.Equal(China, lateThursday.DueAt.Offset);
        Assert.Equal(At("2025-03-14T15:59:59Z"), lateThursday.DueAt);
    }

    [Fact]
    public void Immediate_item_at_23_30_Friday_is_due_Friday_but_at_00_30_Saturday_is_due_Monday()
    {
        // UTC date 2025-03-14 for both: Fri 23:30 and Sat 00:30 in Shanghai.
        Assert.Equal(Day("2025-03-14"), _calculator.AddWorkingDays(At("2025-03-14T15:30:00Z"), 0).DueDate);
        Assert.Equal(Day("2025-03-17"), _calculator.AddWorkingDays(At("2025-03-14T16:30:00Z"), 0).DueDate);
    }

    [Fact]
    public void Five_working_days_across_the_2026_Spring_Festival()
    {
        // Start Thu 2026-02-12. Fri 13 (1), Sat 14 make-up (2), Feb 15–23 off, Tue 24 (3), Wed 25 (4), Thu 26 (5).
        var deadline = _calculator.AddWorkingDays(At("2026-02-12T09:00:00+08:00"), 5);

        Assert.Equal(Day("2026-02-26"), deadline.DueDate);
    }

    [Fact]
    public void Ten_working_days_across_the_2026_Mid_Autumn_and_National_Day_holidays()
    {
        // Start Thu 2026-09-24. Sep 25–27 off (中秋), Mon 28 (1), Tue 29 (2), Wed 30 (3), Oct 1–7 off,
        // Thu 8 (4), Fri 9 (5), Sat 10 make-up (6), Sun 11 off, Mon 12 (7), Tue 13 (8), Wed 14 (9), Thu 15 (10).
        var deadline = _calculator.AddWorkingDays(At("2026-09-24T09:00:00+08:00"), 10);

        Assert.Equal(Day("2026-10-15"), deadline.DueDate);
        Assert.False(deadline.IsProvisional);
    }

    [Fact]
    public void Period_into_a_year_without_schedule_is_provisional_and_recomputed_when_it_arrives()
    {
        // Start Tue 2026-12-15. Without a 2027 schedule: Wed 16 (1), Thu 17 (2), Fri 18 (3), Mon 21 (4),
        // Tue 22 (5), Wed 23 (6), Thu 24 (7), Fri 25 (8), Mon 28 (9), Tue 29 (10), Wed 30 (11), Thu 31 (12),
        // Fri 2027-01-01 (13, a weekday as far as anyone knows yet), Mon 01-04 (14), Tue 01-05 (15).
        var start = At("2026-12-15T10:00:00+08:00");
        var provisional = _calculator.AddWorkingDays(start, 15);

        Assert.Equal(Day("2027-01-05"), provisional.DueDate);
        Assert.True(provisional.IsProvisional);

        // With the 2027 schedule, Jan 1–3 are off: ... Thu 12-31 (12), Mon 01-04 (13), Tue 01-05 (14), Wed 01-06 (15).
        var calendar = _calculator.Calendar.With(HolidaySchedule.Parse(Test2027Json));
        var recomputed = new DeadlineCalculator(calendar, _calculator.TimeZone).AddWorkingDays(start, 15);

        Assert.Equal(Day("2027-01-06"), recomputed.DueDate);
        Assert.False(recomputed.IsProvisional);
    }

    [Fact]
    public void Only_days_actually_counted_decide_whether_a_deadline_is_provisional()
    {
        // 即办件 on Thu 2026-12-31: only that day is looked at; 2026 is loaded.
        Assert.False(_calculator.AddWorkingDays(At("2026-12-31T10:00:00+08:00"), 0).IsProvisional);

        // One working day from Thu 2026-12-31: Fri 2027-01-01 (1) — in a year without schedule.
        var oneDay = _calculator.AddWorkingDays(At("2026-12-31T10:00:00+08:00"), 1);
        Assert.Equal(Day("2027-01-01"), oneDay.DueDate);
        Assert.True(oneDay.IsProvisional);

        // With only 2026 loaded, a period starting Wed 2025-12-31 does not depend on 2025 (the start
        // day is not counted): Jan 1–3 off (元旦), Sun 2026-01-04 make-up (1).
        var only2026 = new DeadlineCalculator(new WorkingDayCalendar([CalendarData.LoadSchedule(2026)]), CalendarData.Shanghai);
        var fromNewYearsEve = only2026.AddWorkingDays(At("2025-12-31T10:00:00+08:00"), 1);
        Assert.Equal(Day("2026-01-04"), fromNewYearsEve.DueDate);
        Assert.False(fromNewYearsEve.IsProvisional);

        // ... but a 即办件 that day does depend on 2025.
        Assert.True(only2026.AddWorkingDays(At("2025-12-31T10:00:00+08:00"), 0).IsProvisional);
    }

    [Fact]
    public void Closing_time_sets_the_due_instant()
    {
        var calculator = new DeadlineCalculator(CalendarData.Calendar2025And2026(), CalendarData.Shanghai, new TimeOnly(17, 30));

        // Same count as the National Day case: due Fri 2025-10-17, at 17:30 local.
        var deadline = calculator.AddWorkingDays(At("2025-09-22T10:00:00+08:00"), 15);

        Assert.Equal(new DateTimeOffset(2025, 10, 17, 17, 30, 0, China), deadline.DueAt);
    }

    [Fact]
    public void Negative_period_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _calculator.AddWorkingDays(At("2025-03-17T10:00:00+08:00"), -1));
    }

    [Theory]
    [InlineData("2025-09-30", "2025-10-10", 2)] // Oct 1–8 off; Thu 9, Fri 10
    [InlineData("2025-09-26", "2025-10-12", 6)] // Sun 28 make-up, Mon 29, Tue 30, Thu Oct 9, Fri 10, Sat 11 make-up
    [InlineData("2026-02-13", "2026-02-28", 6)] // Sat 14 make-up, Feb 15–23 off, Tue 24 – Fri 27, Sat 28 make-up
    [InlineData("2025-10-10", "2025-10-10", 0)]
    [InlineData("2025-10-12", "2025-10-01", 0)]
    public void Working_days_between(string fromExclusive, string toInclusive, int expected)
    {
        Assert.Equal(expected, _calculator.WorkingDaysBetween(Day(fromExclusive), Day(toInclusive)));
    }

    [Theory]
    [InlineData("2025-01-27", "2025-02-05")] // Mon before 春节 → first day after it
    [InlineData("2025-09-26", "2025-09-28")] // Fri → make-up Sunday
    [InlineData("2026-10-09", "2026-10-10")] // Fri → make-up Saturday
    public void Next_working_day(string date, string expected)
    {
        Assert.Equal(Day(expected), _calculator.NextWorkingDay(Day(date)));
    }

    [Theory]
    [InlineData("2025-01-26", "2025-01-26")] // make-up Sunday is itself a working day
    [InlineData("2026-10-03", "2026-10-08")] // inside 国庆节 → Thu after it
    [InlineData("2026-10-08", "2026-10-08")]
    public void This_or_next_working_day(string date, string expected)
    {
        Assert.Equal(Day(expected), _calculator.ThisOrNextWorkingDay(Day(date)));
    }

    [Fact]
    public void Local_date_uses_the_county_time_zone()
    {
        Assert.Equal(Day("2025-03-14"), _calculator.ToLocalDate(At("2025-03-13T16:00:00Z")));
        Assert.Equal(Day("2025-03-13"), _calculator.ToLocalDate(At("2025-03-13T15:59:59Z")));
    }
}
