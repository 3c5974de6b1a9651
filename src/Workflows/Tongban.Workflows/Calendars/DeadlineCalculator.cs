namespace Tongban.Workflows.Calendars;

/// <summary>
/// Time limits in working days (限时办结) for one county: its working-day calendar, its time zone and
/// optionally the office's closing time.
/// </summary>
/// <remarks>
/// Counting follows the Civil Code: the day the period starts is not counted (民法典 §201), so a
/// period of N working days ends at the end of the N-th working day after the start day; counting
/// only working days also gives §203 (a last day that is off moves to the next working day).
/// The start instant is converted to the county's local date first — 23:30 and 00:30 local are
/// different days even if they share a UTC date.
/// Pure: the current time is never read here; callers pass instants in.
/// </remarks>
public sealed class DeadlineCalculator
{
    // Without a configured closing time a day ends at its last whole second. Seconds, not ticks:
    // the value is stored and shown, and 23:59:59 is what people expect to read.
    private static readonly TimeOnly EndOfDay = new(23, 59, 59);

    private readonly TimeOnly _dayEnd;

    /// <summary>Creates a calculator.</summary>
    /// <param name="calendar">Working days.</param>
    /// <param name="timeZone">The county's time zone (Asia/Shanghai for mainland counties).</param>
    /// <param name="closingTime">
    /// If set, a deadline falls at this local time on the due date (the office's closing time) instead
    /// of 23:59:59 local.
    /// </param>
    public DeadlineCalculator(WorkingDayCalendar calendar, TimeZoneInfo timeZone, TimeOnly? closingTime = null)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(timeZone);

        Calendar = calendar;
        TimeZone = timeZone;
        ClosingTime = closingTime;
        _dayEnd = closingTime ?? EndOfDay;
    }

    /// <summary>The working-day calendar in use.</summary>
    public WorkingDayCalendar Calendar { get; }

    /// <summary>The county's time zone.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>The configured closing time, or null for end of day (23:59:59).</summary>
    public TimeOnly? ClosingTime { get; }

    /// <summary>The county-local calendar date of an instant.</summary>
    public DateOnly ToLocalDate(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);

    /// <summary>
    /// The deadline of a period of <paramref name="workingDays"/> working days starting at <paramref name="start"/>.
    /// 0 is a 即办件 (handled on the spot): due the same day if that is a working day, else the next working day.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workingDays"/> is negative.</exception>
    public Deadline AddWorkingDays(DateTimeOffset start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);

        var startDate = ToLocalDate(start);
        DateOnly dueDate;
        DateOnly firstExamined;
        if (workingDays == 0)
        {
            dueDate = ThisOrNextWorkingDay(startDate);
            firstExamined = startDate;
        }
        else
        {
            dueDate = startDate;
            for (var counted = 0; counted < workingDays;)
            {
                dueDate = dueDate.AddDays(1);
                if (Calendar.IsWorkingDay(dueDate))
                {
                    counted++;
                }
            }

            // The start day's own status does not affect the result, so its year does not either.
            firstExamined = startDate.AddDays(1);
        }

        return new Deadline(EndOf(dueDate), dueDate, !CoversYears(firstExamined, dueDate));
    }

    /// <summary>
    /// Working days after <paramref name="fromExclusive"/> up to and including <paramref name="toInclusive"/>;
    /// 0 when <paramref name="toInclusive"/> is not after <paramref name="fromExclusive"/>. With today and the
    /// due date this is the number of working days left.
    /// </summary>
    public int WorkingDaysBetween(DateOnly fromExclusive, DateOnly toInclusive)
    {
        var count = 0;
        for (var day = fromExclusive.AddDays(1); day <= toInclusive; day = day.AddDays(1))
        {
            if (Calendar.IsWorkingDay(day))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The instant a local day's period ends: the closing time if configured, else the end of the day.</summary>
    public DateTimeOffset DayEndsAt(DateOnly date) => EndOf(date);

    /// <summary>The first working day strictly after <paramref name="date"/>.</summary>
    public DateOnly NextWorkingDay(DateOnly date) => ThisOrNextWorkingDay(date.AddDays(1));

    /// <summary><paramref name="date"/> if it is a working day, otherwise the next working day.</summary>
    public DateOnly ThisOrNextWorkingDay(DateOnly date)
    {
        // Terminates: holidays are at most a few weeks long and weekdays outside them are working days.
        while (!Calendar.IsWorkingDay(date))
        {
            date = date.AddDays(1);
        }

        return date;
    }

    private bool CoversYears(DateOnly from, DateOnly to)
    {
        for (var year = from.Year; year <= to.Year; year++)
        {
            if (!Calendar.HasScheduleFor(year))
            {
                return false;
            }
        }

        return true;
    }

    private DateTimeOffset EndOf(DateOnly date)
    {
        var local = date.ToDateTime(_dayEnd, DateTimeKind.Unspecified);

        // Counties in China have no daylight saving time, but TimeZoneInfo is general: a local time
        // skipped by a clock change moves forward to the first valid minute, and a repeated one takes
        // the later of its two instants (the more generous deadline).
        while (TimeZone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        var offset = TimeZone.IsAmbiguousTime(local)
            ? TimeZone.GetAmbiguousTimeOffsets(local).Min()
            : TimeZone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
