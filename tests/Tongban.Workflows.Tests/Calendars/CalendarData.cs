using Tongban.Workflows.Calendars;

namespace Tongban.Workflows.Tests.Calendars;

/// <summary>
/// Loads the official schedules from the repository's data/calendars folder, found by walking up from
/// the test binaries to the folder that holds Tongban.slnx, so tests use the same files the app ships.
/// </summary>
internal static class CalendarData
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    public static string RepositoryRoot => Root.Value;

    public static string CalendarsFolder => Path.Combine(RepositoryRoot, "data", "calendars");

    public static HolidaySchedule LoadSchedule(int year) =>
        HolidaySchedule.Parse(File.ReadAllText(Path.Combine(CalendarsFolder, $"cn-{year}.json")));

    /// <summary>The calendar with the 2025 and 2026 schedules, as a county would run today.</summary>
    public static WorkingDayCalendar Calendar2025And2026() => new([LoadSchedule(2025), LoadSchedule(2026)]);

    public static TimeZoneInfo Shanghai => TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tongban.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Tongban.slnx above {AppContext.BaseDirectory}.");
    }
}
