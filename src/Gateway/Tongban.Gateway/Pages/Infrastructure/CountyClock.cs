using System.Globalization;
using Microsoft.Extensions.Options;
using Tongban.Workflows.Runtime.Clocks;

namespace Tongban.Gateway.Pages.Infrastructure;

/// <summary>
/// The county's local time for what pages show and filter: the same time zone deadlines are counted in
/// (<c>TimeLimits:TimeZone</c>), so a date on a page is the date the clocks mean.
/// </summary>
public sealed class CountyClock(TimeProvider clock, IOptions<TimeLimitOptions> limits)
{
    public TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(limits.Value.TimeZone);

    public DateTimeOffset Now => clock.GetUtcNow();

    public DateOnly Today => DateOfInstant(Now);

    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public DateOnly DateOfInstant(DateTimeOffset instant) => DateOnly.FromDateTime(Local(instant).DateTime);

    /// <summary>The instant a local date begins (00:00 county time).</summary>
    public DateTimeOffset StartOf(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    public string Format(DateTimeOffset instant) => Local(instant).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public string Format(DateTimeOffset? instant) => instant is { } i ? Format(i) : "—";

    public static string FormatDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>"3天2小时", "5小时10分", "12分钟": how long something took or has waited.</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero) span = TimeSpan.Zero;
        if (span.TotalDays >= 1) return $"{(int)span.TotalDays}天{span.Hours}小时";
        if (span.TotalHours >= 1) return $"{(int)span.TotalHours}小时{span.Minutes}分";
        return span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes}分钟" : "不到1分钟";
    }
}
