using Tongban.Workflows.Runtime.Clocks;

namespace Tongban.UseCases.Residents;

/// <summary>Instants as the county's calendar dates (<c>TimeLimits:TimeZone</c>), for what residents are told.</summary>
internal static class CountyDates
{
    public static DateOnly DateOf(DateTimeOffset instant, TimeLimitOptions limits) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(limits.TimeZone)).DateTime);

    public static DateTimeOffset Local(DateTimeOffset instant, TimeLimitOptions limits) =>
        TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(limits.TimeZone));
}
