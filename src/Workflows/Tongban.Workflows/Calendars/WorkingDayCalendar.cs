namespace Tongban.Workflows.Calendars;

/// <summary>
/// Which days are working days (工作日): Monday to Friday unless inside a holiday, plus the make-up
/// working days (调休上班). Built from the yearly <see cref="HolidaySchedule"/>s that are loaded;
/// for a year without one, only weekends are known to be off, and results that depend on such a
/// year are provisional (see <see cref="HasScheduleFor"/>).
/// </summary>
/// <remarks>Immutable: <see cref="With"/> returns a new calendar, so a calculator in use never sees a half-replaced year.</remarks>
public sealed class WorkingDayCalendar
{
    private readonly Dictionary<int, HolidaySchedule> _schedules;

    /// <summary>Creates a calendar from one schedule per year.</summary>
    /// <exception cref="ArgumentException">Two schedules are for the same year.</exception>
    public WorkingDayCalendar(IEnumerable<HolidaySchedule> schedules)
    {
        ArgumentNullException.ThrowIfNull(schedules);

        _schedules = [];
        foreach (var schedule in schedules)
        {
            ArgumentNullException.ThrowIfNull(schedule, nameof(schedules));
            if (!_schedules.TryAdd(schedule.Year, schedule))
            {
                throw new ArgumentException($"More than one holiday schedule for {schedule.Year}.", nameof(schedules));
            }
        }
    }

    private WorkingDayCalendar(Dictionary<int, HolidaySchedule> schedules) => _schedules = schedules;

    /// <summary>A calendar with no schedules: Monday to Friday, everything provisional.</summary>
    public static WorkingDayCalendar WeekdaysOnly { get; } = new(Array.Empty<HolidaySchedule>());

    /// <summary>The years that have a schedule, in ascending order.</summary>
    public IReadOnlyList<int> Years => _schedules.Keys.Order().ToList();

    /// <summary>True when the holiday schedule for <paramref name="year"/> is loaded.</summary>
    public bool HasScheduleFor(int year) => _schedules.ContainsKey(year);

    /// <summary>The loaded schedule for <paramref name="year"/>, or null.</summary>
    public HolidaySchedule? ScheduleFor(int year) => _schedules.GetValueOrDefault(year);

    /// <summary>A new calendar with <paramref name="schedule"/> added, replacing any schedule for the same year.</summary>
    public WorkingDayCalendar With(HolidaySchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);

        var copy = new Dictionary<int, HolidaySchedule>(_schedules) { [schedule.Year] = schedule };
        return new WorkingDayCalendar(copy);
    }

    /// <summary>True for a working day: Monday to Friday and not a holiday, or a make-up working day.</summary>
    public bool IsWorkingDay(DateOnly date)
    {
        // A date near New Year may be named by its own year's schedule or, spilling over, by the
        // neighbouring year's. The later-published schedule is the more recent word, so look from
        // the next year back and let the first schedule that mentions the date decide.
        for (var year = date.Year + 1; year >= date.Year - 1; year--)
        {
            if (!_schedules.TryGetValue(year, out var schedule))
            {
                continue;
            }

            if (schedule.IsMakeUpWorkday(date))
            {
                return true;
            }

            if (schedule.IsHoliday(date))
            {
                return false;
            }
        }

        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }
}
