using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tongban.Workflows.Calendars;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Runtime.Clocks;

/// <summary>
/// The deadline calculator over the holiday schedules in the database. Rebuilt when a schedule is loaded (here,
/// at once; on other nodes within <see cref="RefreshInterval"/>), so next year's calendar needs no restart.
/// </summary>
public sealed class CalendarProvider(IOptions<TimeLimitOptions> options, TimeProvider clock)
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);

    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);
    private readonly SemaphoreSlim _lock = new(1, 1);
    private DeadlineCalculator? _calculator;
    private DateTimeOffset _checkedAt;
    private DateTimeOffset? _newestLoad;

    public async Task<DeadlineCalculator> GetAsync(TongbanDbContext db, CancellationToken ct)
    {
        if (_calculator is not null && clock.GetUtcNow() - _checkedAt < RefreshInterval) return _calculator;

        await _lock.WaitAsync(ct);
        try
        {
            var newest = await db.HolidaySchedules.MaxAsync(s => (DateTimeOffset?)s.LoadedAt, ct);
            if (_calculator is null || newest != _newestLoad)
            {
                var rows = await db.HolidaySchedules.AsNoTracking().ToListAsync(ct);
                var calendar = new WorkingDayCalendar(rows.Select(r => HolidaySchedule.Parse(r.Json)));
                _calculator = new DeadlineCalculator(calendar, _zone, options.Value.ClosingTime);
                _newestLoad = newest;
            }

            _checkedAt = clock.GetUtcNow();
            return _calculator;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Forget the cached calendar (this node just loaded a schedule).</summary>
    public void Invalidate() => _calculator = null;
}
