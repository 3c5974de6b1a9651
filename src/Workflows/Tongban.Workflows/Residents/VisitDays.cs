using Tongban.Workflows.Calendars;

namespace Tongban.Workflows.Residents;

/// <summary>A community's published door-to-door day (预约上门): how many visits it takes, how many are booked.</summary>
public sealed record VisitDay(DateOnly Day, int Capacity, int Booked)
{
    public int Left => Math.Max(0, Capacity - Booked);
}

/// <summary>Why a day can or cannot be booked.</summary>
public enum VisitDayCheck
{
    Bookable,
    NotPublished,
    NotWorkingDay,
    TooEarly,
    TooFar,
    Full,
}

/// <summary>
/// Which days a community may publish for door-to-door visits and which a resident may book: working days on the
/// county calendar only (调休 make-up days included, holidays excluded), from the next working day on (staff plan
/// their round the day before), within a booking horizon. Pure: the calendar and the published days are passed in.
/// </summary>
public static class VisitDays
{
    /// <summary>How far ahead a resident may book, in calendar days.</summary>
    public const int BookingHorizonDays = 30;

    /// <summary>The longest range one publication covers, in calendar days.</summary>
    public const int MaxPublishRangeDays = 92;

    /// <summary>The most visits a community takes on one day.</summary>
    public const int MaxCapacity = 50;

    /// <summary>The working days of [from, to] (both included) — the days a publication sets.</summary>
    public static IReadOnlyList<DateOnly> Publishable(WorkingDayCalendar calendar, DateOnly from, DateOnly to)
    {
        var days = new List<DateOnly>();
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            if (calendar.IsWorkingDay(d)) days.Add(d);
        }

        return days;
    }

    /// <summary>Whether <paramref name="day"/> can be booked today, given what the community published for it (null: nothing).</summary>
    public static VisitDayCheck Check(WorkingDayCalendar calendar, VisitDay? published, DateOnly day, DateOnly today)
    {
        if (day <= today) return VisitDayCheck.TooEarly;
        if (day > today.AddDays(BookingHorizonDays)) return VisitDayCheck.TooFar;
        if (!calendar.IsWorkingDay(day)) return VisitDayCheck.NotWorkingDay;
        if (published is null || published.Capacity <= 0) return VisitDayCheck.NotPublished;
        return published.Left > 0 ? VisitDayCheck.Bookable : VisitDayCheck.Full;
    }

    /// <summary>The days a resident may choose from today, in order, each with its places left.</summary>
    public static IReadOnlyList<VisitDay> Bookable(WorkingDayCalendar calendar, IEnumerable<VisitDay> published, DateOnly today) =>
        [.. published.Where(p => Check(calendar, p, p.Day, today) == VisitDayCheck.Bookable).OrderBy(p => p.Day)];

    /// <summary>What a resident is told when the day cannot be booked (zh-CN).</summary>
    public static string Reason(VisitDayCheck check) => check switch
    {
        VisitDayCheck.TooEarly => "只能预约明天及以后的日期。",
        VisitDayCheck.TooFar => $"只能预约{BookingHorizonDays}天以内的日期。",
        VisitDayCheck.NotWorkingDay => "该日不是工作日，不提供上门服务。",
        VisitDayCheck.NotPublished => "社区未开放该日的上门服务预约，请选择其他日期。",
        VisitDayCheck.Full => "该日上门服务已约满，请选择其他日期。",
        _ => "",
    };
}
