using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Posts;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Runtime.Organisation;

/// <summary>Reads posts and the absence register for <see cref="PostHolding"/>, which decides.</summary>
public static class PostRegister
{
    /// <summary>Today in the county (absences are in county-local days).</summary>
    public static DateOnly Today(TimeProvider clock, string timeZone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(timeZone)).DateTime);

    public static PostHolders HoldersOf(Post p) => new(p.PrimaryHolderId, p.BackupHolderId, p.UnitHeadId);

    /// <summary>Absences of these people that touch [from, to].</summary>
    public static async Task<List<Absence>> AbsencesAsync(TongbanDbContext db, IReadOnlyCollection<string> staffIds, DateOnly from, DateOnly to, CancellationToken ct) =>
        (await db.PostAbsences.AsNoTracking().Where(a => staffIds.Contains(a.StaffId) && a.From <= to && a.To >= from).ToListAsync(ct))
        .Select(a => a.ToAbsence()).ToList();

    /// <summary>The posts a staff member may act at today, as A, as B (for A, or on escalated work only), as cover or as unit head.</summary>
    public static async Task<List<PostAssignment>> AssignmentsAsync(TongbanDbContext db, string staffId, DateOnly today, CancellationToken ct)
    {
        var covering = await db.PostAbsences.AsNoTracking().Where(a => a.CoverStaffId == staffId && a.From <= today && a.To >= today).Select(a => a.PostId).ToListAsync(ct);
        var posts = await db.Posts.AsNoTracking()
            .Where(p => p.PrimaryHolderId == staffId || p.BackupHolderId == staffId || covering.Contains(p.Id) || p.UnitHeadId == staffId)
            .ToListAsync(ct);
        var people = posts.SelectMany(p => new[] { p.PrimaryHolderId, p.BackupHolderId }).Append(staffId).Distinct().ToList();
        var absences = await AbsencesAsync(db, people, today, today, ct);
        return [.. posts.Select(p => PostHolding.AssignmentFor(staffId, p.Id, p.JurisdictionId, p.Role, HoldersOf(p), absences, today)).OfType<PostAssignment>()];
    }
}
