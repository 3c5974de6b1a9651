using Microsoft.Extensions.DependencyInjection;

namespace Tongban.Workflows.Runtime.Clocks;

public static class TimeLimitsExtensions
{
    /// <summary>Working-day calendars, case clocks and the durable timer sweeper (every node runs one).</summary>
    public static IServiceCollection AddTimeLimits(this IServiceCollection services)
    {
        services.AddOptions<TimeLimitOptions>().BindConfiguration("TimeLimits");
        services.AddSingleton<CalendarProvider>();
        services.AddScoped<TimerEffects>();
        services.AddScoped<HolidayScheduleLoader>();
        services.AddHostedService<TimerSweeper>();
        return services;
    }
}
