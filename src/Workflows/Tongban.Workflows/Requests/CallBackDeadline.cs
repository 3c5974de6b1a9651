using Tongban.Workflows.Calendars;

namespace Tongban.Workflows.Requests;

/// <summary>The community office's hours on a working day (county-local), within which call-backs are made.</summary>
public sealed record OfficeHours(TimeOnly Opens, TimeOnly Closes)
{
    public static OfficeHours Default { get; } = new(new TimeOnly(8, 30), new TimeOnly(17, 30));
}

/// <summary>
/// By when the community must call back a resident who asked online (网上申请回访时限). Pure: the calendar, the
/// county's time zone and the office hours are passed in.
/// </summary>
/// <remarks>
/// Default (no working-hour limit configured): by the office's closing time of the same working day; a request
/// made after closing, or on a day off, by the closing time of the next working day. With a limit of N working
/// hours: N hours of office time counted from the submission (from the next opening when made outside office
/// hours), skipping nights and days off.
/// </remarks>
public static class CallBackDeadline
{
    public static DateTimeOffset Of(DateTimeOffset submittedAt, WorkingDayCalendar calendar, TimeZoneInfo zone, OfficeHours hours, double? workingHours = null)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(hours);
        if (hours.Closes <= hours.Opens) throw new ArgumentException("The office must close after it opens.", nameof(hours));

        var local = TimeZoneInfo.ConvertTime(submittedAt, zone);
        var day = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);

        if (workingHours is not { } limit)
        {
            var dueDay = calendar.IsWorkingDay(day) && time < hours.Closes ? day : NextWorkingDay(calendar, day);
            return At(dueDay, hours.Closes, zone);
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit, nameof(workingHours));

        // Where counting starts: now if the office is open, else its next opening.
        TimeOnly from;
        if (calendar.IsWorkingDay(day) && time < hours.Closes) from = time < hours.Opens ? hours.Opens : time;
        else
        {
            day = NextWorkingDay(calendar, day);
            from = hours.Opens;
        }

        var remaining = TimeSpan.FromHours(limit);
        while (true)
        {
            var left = hours.Closes - from;
            if (remaining <= left) return At(day, from.Add(remaining), zone);
            remaining -= left;
            day = NextWorkingDay(calendar, day);
            from = hours.Opens;
        }
    }

    /// <summary>Whether a call-back still due at <paramref name="dueAt"/> is late at <paramref name="now"/>.</summary>
    public static bool IsOverdue(DateTimeOffset dueAt, DateTimeOffset now) => now > dueAt;

    private static DateOnly NextWorkingDay(WorkingDayCalendar calendar, DateOnly day)
    {
        do day = day.AddDays(1);
        while (!calendar.IsWorkingDay(day));
        return day;
    }

    private static DateTimeOffset At(DateOnly day, TimeOnly time, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
