using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Calendars;
using Tongban.Workflows.Clocks;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Runtime.Clocks;

/// <summary>
/// Loads a year's holiday schedule and recomputes every open deadline that was provisional, so a case whose
/// period reached into that year gets its real due date (and its timers move with it) as soon as it is known.
/// </summary>
public sealed class HolidayScheduleLoader(TongbanDbContext db, CalendarProvider calendars, Microsoft.Extensions.Options.IOptions<TimeLimitOptions> options, TimeProvider clock)
{
    public sealed record Result(bool Changed, int Recomputed);

    /// <summary>Validates, stores (insert or replace) and applies a schedule. Unchanged JSON is a no-op.</summary>
    public async Task<Result> LoadAsync(string json, string loadedBy, CancellationToken ct)
    {
        var schedule = HolidaySchedule.Parse(json);
        var now = clock.GetUtcNow();
        var row = await db.HolidaySchedules.SingleOrDefaultAsync(s => s.Year == schedule.Year, ct);
        if (row?.Json == json) return new Result(false, 0);

        if (row is null)
        {
            row = new HolidayScheduleRecord { Year = schedule.Year, Json = json, LoadedBy = loadedBy };
            db.HolidaySchedules.Add(row);
        }

        row.Json = json;
        row.Source = schedule.Source;
        row.LoadedAt = now;
        row.LoadedBy = loadedBy;
        await db.SaveChangesAsync(ct);
        calendars.Invalidate();

        return new Result(true, await RecomputeProvisionalAsync(now, ct));
    }

    /// <summary>
    /// The update is guarded by the case's version (a concurrency token), so a clerk's transition committed in
    /// between is detected; the recompute then reloads and tries again. The version itself is not bumped: it is
    /// the journal's sequence, and a recompute is not a step of the case.
    /// </summary>
    private async Task<int> RecomputeProvisionalAsync(DateTimeOffset now, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var calendar = await calendars.GetAsync(db, ct);
            var cases = await db.Cases.Where(c => c.CompletedAt == null && (c.OverallProvisional || c.StageProvisional)).ToListAsync(ct);
            foreach (var c in cases)
            {
                c.ApplyClock(c.Clock.Recompute(calendar, options.Value.Thresholds));
                await TimerSchedule.RescheduleAsync(db, c.Id, DeadlineTimers.For(c.Clock, c.Record), now, ct);
            }

            try
            {
                await db.SaveChangesAsync(ct);
                return cases.Count;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}
