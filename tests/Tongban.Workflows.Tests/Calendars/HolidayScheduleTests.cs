using Tongban.Workflows.Calendars;

namespace Tongban.Workflows.Tests.Calendars;

public class HolidayScheduleTests
{
    [Fact]
    public void Parses_the_2025_file()
    {
        var schedule = CalendarData.LoadSchedule(2025);

        Assert.Equal(2025, schedule.Year);
        Assert.Equal(6, schedule.Holidays.Count);
        var springFestival = schedule.Holidays[1];
        Assert.Equal("春节", springFestival.Name);
        Assert.Equal(new DateOnly(2025, 1, 28), springFestival.From);
        Assert.Equal(new DateOnly(2025, 2, 4), springFestival.To);
        DateOnly[] expectedMakeUpDays =
            [new(2025, 1, 26), new(2025, 2, 8), new(2025, 4, 27), new(2025, 9, 28), new(2025, 10, 11)];
        Assert.Equal(expectedMakeUpDays, schedule.MakeUpWorkdays);
        Assert.Contains("国办发明电", schedule.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Parses_the_2026_file()
    {
        var schedule = CalendarData.LoadSchedule(2026);

        Assert.Equal(2026, schedule.Year);
        Assert.Equal(7, schedule.Holidays.Count);
        Assert.Equal(6, schedule.MakeUpWorkdays.Count);
        Assert.Equal("国庆节", schedule.HolidayOn(new DateOnly(2026, 10, 7))?.Name);
        Assert.Null(schedule.HolidayOn(new DateOnly(2026, 10, 8)));
        Assert.True(schedule.IsMakeUpWorkday(new DateOnly(2026, 2, 28)));
    }

    [Fact]
    public void Property_names_are_case_insensitive_and_make_up_days_optional()
    {
        var schedule = HolidaySchedule.Parse("""
            { "YEAR": 2026, "Holidays": [ { "NAME": "元旦", "From": "2026-01-01", "TO": "2026-01-03" } ] }
            """);

        Assert.Equal(2026, schedule.Year);
        Assert.Single(schedule.Holidays);
        Assert.Empty(schedule.MakeUpWorkdays);
    }

    [Fact]
    public void Allows_a_New_Year_holiday_that_spills_into_the_previous_year()
    {
        // Real precedent: the 2023 notice gave 元旦 as 2022-12-31 (Sat) to 2023-01-02 (Mon).
        var schedule = HolidaySchedule.Parse("""
            { "year": 2023, "holidays": [ { "name": "元旦", "from": "2022-12-31", "to": "2023-01-02" } ], "makeUpWorkdays": [] }
            """);

        Assert.True(schedule.IsHoliday(new DateOnly(2022, 12, 31)));
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("null", "empty")]
    [InlineData("""{ "holidays": [] }""", "'year' is missing")]
    [InlineData("""{ "year": "2025", "holidays": [] }""", "$.year")]
    [InlineData("""{ "year": 2025 }""", "'holidays' is missing")]
    [InlineData("""{ "year": 2025, "holidays": [ { "from": "2025-01-01", "to": "2025-01-01" } ] }""", "'holidays[0].name' is missing")]
    [InlineData("""{ "year": 2025, "holidays": [ { "name": "元旦", "to": "2025-01-01" } ] }""", "'holidays[0].from' is missing")]
    [InlineData("""{ "year": 2025, "holidays": [ { "name": "元旦", "from": "2025-01-01", "to": "2025/01/01" } ] }""", "'holidays[0].to' is not a date")]
    [InlineData("""{ "year": 2025, "holidays": [ { "name": "x", "from": "2025-02-30", "to": "2025-03-01" } ] }""", "'holidays[0].from' is not a date")]
    [InlineData("""{ "year": 2025, "holidays": [ { "name": "x", "from": "2025-05-05", "to": "2025-05-01" } ] }""", "'holidays[0].to' (2025-05-01) is before")]
    [InlineData("""{ "year": 2025, "holidays": [ { "name": "x", "from": "2026-05-01", "to": "2026-05-05" } ] }""", "'holidays[0].from' (2026-05-01) is not in 2025")]
    [InlineData("""{ "year": 2025, "holidays": [ { "name": "x", "from": "2024-05-01", "to": "2024-05-05" } ] }""", "'holidays[0].from' (2024-05-01) is not in 2025")]
    [InlineData("""{ "year": 2025, "holidays": [ { "name": "x", "from": "2024-12-30", "to": "2024-12-31" } ] }""", "'holidays[0].to' (2024-12-31) is not in 2025")]
    [InlineData("""{ "year": 2025, "holidays": [ { "name": "x", "from": "2025-07-01", "to": "2025-08-31" } ] }""", "longer than 31 days")]
    [InlineData("""{ "year": 2025, "holidays": [], "makeUpWorkdays": [ "2025-09-29" ] }""", "'makeUpWorkdays[0]' (2025-09-29) is a Monday")]
    [InlineData("""{ "year": 2025, "holidays": [], "makeUpWorkdays": [ "2025-09-28", "2026-09-27" ] }""", "'makeUpWorkdays[1]' (2026-09-27) is not in 2025")]
    [InlineData("""{ "year": 2025, "holidays": [ { "name": "国庆节", "from": "2025-10-01", "to": "2025-10-08" } ], "makeUpWorkdays": [ "2025-10-04" ] }""", "'makeUpWorkdays[0]' (2025-10-04) falls inside 'holidays[0]'")]
    [InlineData("""{ "year": 2025, "holidays": [], "makeUpWorkdays": [ "" ] }""", "'makeUpWorkdays[0]' is missing")]
    public void Bad_data_gives_FormatException_naming_the_field(string json, string expectedInMessage)
    {
        var ex = Assert.Throws<FormatException>(() => HolidaySchedule.Parse(json));

        Assert.Contains(expectedInMessage, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_validates_too()
    {
        Assert.Throws<ArgumentException>(() => new HolidaySchedule(
            2025,
            [new Holiday("国庆节", new DateOnly(2025, 10, 1), new DateOnly(2025, 10, 8))],
            [new DateOnly(2025, 10, 1)]));
    }
}
