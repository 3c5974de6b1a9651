using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.Organisation;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.People;

/// <summary>Who may see a post, and who counts as staff of its unit.</summary>
public static class PostAccess
{
    public const int MaxPostIdLength = 60;
    public const int MaxStaffIdLength = 60;
    public const string PostNotFound = "岗位不存在。";
    public const string NotYourJurisdiction = "该岗位不属于您所在的辖区。";

    /// <summary>Staff see the posts of their own jurisdictions (and the ones they hold or head); the bureau sees the county.</summary>
    public static bool MaySee(Actor actor, Post post) =>
        actor.Id == post.PrimaryHolderId || actor.Id == post.BackupHolderId || actor.Id == post.UnitHeadId
        || actor.Posts.Any(p => p.Role == PostRole.BureauSupervisor || p.JurisdictionId == post.JurisdictionId);

    /// <summary>The post, if the id can be one (route values are not trusted to fit the column).</summary>
    public static async Task<Post?> FindAsync(TongbanDbContext db, string? postId, CancellationToken ct) =>
        postId is { Length: > 0 and <= MaxPostIdLength }
            ? await db.Posts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == postId, ct)
            : null;

    /// <summary>Staff of a unit: whoever holds (A or B) or heads one of the posts of that jurisdiction.</summary>
    public static Task<bool> IsStaffOfAsync(TongbanDbContext db, string staffId, string jurisdictionId, CancellationToken ct) =>
        db.Posts.AnyAsync(p => p.JurisdictionId == jurisdictionId && (p.PrimaryHolderId == staffId || p.BackupHolderId == staffId || p.UnitHeadId == staffId), ct);
}
