using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Auditing;
using Tongban.Workflows.Runtime.Auditing;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.SpecialGroups;

/// <summary>Shared by the register's use cases: today's date in the county, and the purge of rows past their purpose.</summary>
public static class SpecialGroupRegister
{
    public const string SystemActor = "system:special-groups";

    /// <summary>
    /// Deletes the rows whose purpose ended before <paramref name="today"/> (PIPL §19, §47: kept only as long as
    /// needed), with one audit record naming how many; nothing personal in it. Called on every read of the register,
    /// so an expired row is never shown.
    /// </summary>
    public static async Task<int> PurgeExpiredAsync(TongbanDbContext db, DateOnly today, DateTimeOffset now, string actorId, CancellationToken ct)
    {
        var expired = await db.SpecialGroupMembers.Where(m => m.Until < today).Select(m => new { m.Id, m.CommunityId }).ToListAsync(ct);
        if (expired.Count == 0) return 0;
        var ids = expired.Select(e => e.Id).ToList();
        var deleted = await db.SpecialGroupMembers.Where(m => ids.Contains(m.Id) && m.Until < today).ExecuteDeleteAsync(ct);
        foreach (var community in expired.GroupBy(e => e.CommunityId))
        {
            AuditTrail.Append(db, new AuditEntry(now, actorId, AuditActions.SpecialGroupPurge, AuditSubjects.Community(community.Key), AuditOutcomes.Ok,
                Detail: $"deleted {community.Count()} row(s) whose purpose ended before {today:yyyy-MM-dd}"));
        }

        await db.SaveChangesAsync(ct);
        return deleted;
    }

    public static async Task<(DateOnly Today, DateTimeOffset Now)> TodayAsync(TongbanDbContext db, CalendarProvider calendars, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return ((await calendars.GetAsync(db, ct)).ToLocalDate(now), now);
    }
}
