using System.Globalization;
using System.Text.Json;

namespace Tongban.Workflows.Calendars;

/// <summary>
/// The State Council's holiday arrangement for one year (国务院办公厅关于YYYY年部分节假日安排的通知):
/// the holidays, and the make-up working days (调休上班) — Saturdays or Sundays that are worked.
/// It is published each November for the next year, so it is data, loaded and replaced at run time.
/// </summary>
/// <remarks>
/// Dates must lie in <see cref="Year"/>, with one exception: around New Year an arrangement may reach
/// into the neighbouring year (the 2023 notice gave 元旦 as 2022-12-31 to 2023-01-02; the 2012 notice
/// made 2011-12-31 a working Saturday). So an entry may spill into December of the previous or January
/// of the next year, as long as a holiday still has at least one day in its own year.
/// </remarks>
public sealed class HolidaySchedule
{
    // A real holiday is at most 9 days (春节 2026); the cap only stops a typo such as a wrong month
    // from switching off a whole season.
    private const int MaxHolidayDays = 31;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Creates a schedule; throws <see cref="ArgumentException"/> if the data is inconsistent (see the remarks on the type).</summary>
    public HolidaySchedule(int year, IEnumerable<Holiday> holidays, IEnumerable<DateOnly> makeUpWorkdays, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        ArgumentNullException.ThrowIfNull(makeUpWorkdays);

        var holidayList = holidays.ToList();
        var makeUpList = makeUpWorkdays.ToList();
        var error = Validate(year, holidayList, makeUpList);
        if (error is not null)
        {
            throw new ArgumentException(error);
        }

        Year = year;
        Source = source;
        Holidays = holidayList.OrderBy(h => h.From).ToList().AsReadOnly();
        MakeUpWorkdays = makeUpList.Distinct().Order().ToList().AsReadOnly();
    }

    /// <summary>The calendar year this arrangement is for.</summary>
    public int Year { get; }

    /// <summary>Where the data comes from (the notice's title and number), for display to administrators.</summary>
    public string? Source { get; }

    /// <summary>Holiday periods in date order.</summary>
    public IReadOnlyList<Holiday> Holidays { get; }

    /// <summary>Weekend days that are working days this year (调休上班), in date order.</summary>
    public IReadOnlyList<DateOnly> MakeUpWorkdays { get; }

    /// <summary>
    /// Reads a schedule in the format of <c>data/calendars/cn-YYYY.json</c>: <c>year</c>, optional
    /// <c>source</c>, <c>holidays</c> (each <c>name</c>, <c>from</c>, <c>to</c> as yyyy-MM-dd) and
    /// <c>makeUpWorkdays</c> (yyyy-MM-dd). Property names are matched case-insensitively.
    /// </summary>
    /// <exception cref="FormatException">The text is not such a schedule; the message names the field.</exception>
    public static HolidaySchedule Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);

        HolidayScheduleDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<HolidayScheduleDocument>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            // The serializer's message names the JSON path (e.g. "$.year") where it failed.
            throw new FormatException($"Holiday schedule is not valid JSON of the expected shape: {ex.Message}", ex);
        }

        if (document is null)
        {
            throw new FormatException("Holiday schedule is empty (JSON null).");
        }

        if (document.Year is not { } year)
        {
            throw new FormatException("Holiday schedule: 'year' is missing.");
        }

        if (document.Holidays is null)
        {
            throw new FormatException("Holiday schedule: 'holidays' is missing.");
        }

        var holidays = new List<Holiday>(document.Holidays.Count);
        for (var i = 0; i < document.Holidays.Count; i++)
        {
            var field = $"holidays[{i}]";
            var entry = document.Holidays[i] ?? throw new FormatException($"Holiday schedule: '{field}' is null.");
            if (string.IsNullOrWhiteSpace(entry.Name))
            {
                throw new FormatException($"Holiday schedule: '{field}.name' is missing.");
            }

            holidays.Add(new Holiday(entry.Name.Trim(), ParseDate(entry.From, $"{field}.from"), ParseDate(entry.To, $"{field}.to")));
        }

        // A year with no make-up days is possible, so a missing list means "none".
        var makeUpDays = new List<DateOnly>();
        var makeUpTexts = document.MakeUpWorkdays ?? [];
        for (var i = 0; i < makeUpTexts.Count; i++)
        {
            makeUpDays.Add(ParseDate(makeUpTexts[i], $"makeUpWorkdays[{i}]"));
        }

        try
        {
            return new HolidaySchedule(year, holidays, makeUpDays, document.Source);
        }
        catch (ArgumentException ex)
        {
            // Consistency errors are worded with the file's field names, so they read the same here.
            throw new FormatException(ex.Message, ex);
        }
    }

    /// <summary>True when <paramref name="date"/> is a day off of one of this schedule's holidays.</summary>
    public bool IsHoliday(DateOnly date) => Holidays.Any(h => h.Contains(date));

    /// <summary>True when <paramref name="date"/> is one of this schedule's make-up working days.</summary>
    public bool IsMakeUpWorkday(DateOnly date) => MakeUpWorkdays.Contains(date);

    /// <summary>The holiday containing <paramref name="date"/>, if any — for showing why a day is off.</summary>
    public Holiday? HolidayOn(DateOnly date) => Holidays.FirstOrDefault(h => h.Contains(date));

    private static DateOnly ParseDate(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FormatException($"Holiday schedule: '{field}' is missing.");
        }

        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new FormatException($"Holiday schedule: '{field}' is not a date in yyyy-MM-dd form: '{text}'.");
        }

        return date;
    }

    // Shared by the constructor (ArgumentException) and Parse (FormatException); field names are
    // those of the JSON file so an administrator can find the line.
    private static string? Validate(int year, List<Holiday> holidays, List<DateOnly> makeUpDays)
    {
        if (year is < 1901 or > 9998)
        {
            return $"Holiday schedule: 'year' {year} is out of range.";
        }

        var yearStart = new DateOnly(year, 1, 1);
        var yearEnd = new DateOnly(year, 12, 31);
        var earliest = new DateOnly(year - 1, 12, 1);
        var latest = new DateOnly(year + 1, 1, 31);

        for (var i = 0; i < holidays.Count; i++)
        {
            var field = $"holidays[{i}]";
            var holiday = holidays[i];
            if (holiday is null)
            {
                return $"Holiday schedule: '{field}' is null.";
            }

            if (string.IsNullOrWhiteSpace(holiday.Name))
            {
                return $"Holiday schedule: '{field}.name' is missing.";
            }

            if (holiday.To < holiday.From)
            {
                return $"Holiday schedule: '{field}.to' ({holiday.To:yyyy-MM-dd}) is before '{field}.from' ({holiday.From:yyyy-MM-dd}).";
            }

            if (holiday.From < earliest || holiday.From > yearEnd)
            {
                return $"Holiday schedule: '{field}.from' ({holiday.From:yyyy-MM-dd}) is not in {year}.";
            }

            if (holiday.To > latest || holiday.To < yearStart)
            {
                return $"Holiday schedule: '{field}.to' ({holiday.To:yyyy-MM-dd}) is not in {year}.";
            }

            if (holiday.To.DayNumber - holiday.From.DayNumber + 1 > MaxHolidayDays)
            {
                return $"Holiday schedule: '{field}' ({holiday.Name}) is longer than {MaxHolidayDays} days.";
            }
        }

        for (var i = 0; i < makeUpDays.Count; i++)
        {
            var field = $"makeUpWorkdays[{i}]";
            var day = makeUpDays[i];
            if (day < earliest || day > latest)
            {
                return $"Holiday schedule: '{field}' ({day:yyyy-MM-dd}) is not in {year}.";
            }

            // A make-up day only means something on a weekend; a weekday here is a typing error.
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                return $"Holiday schedule: '{field}' ({day:yyyy-MM-dd}) is a {day.DayOfWeek}, not a Saturday or Sunday.";
            }

            var clash = holidays.FindIndex(h => h.Contains(day));
            if (clash >= 0)
            {
                return $"Holiday schedule: '{field}' ({day:yyyy-MM-dd}) falls inside 'holidays[{clash}]'.";
            }
        }

        return null;
    }
}
