using Microsoft.EntityFrameworkCore;
using Tongban.UseCases.People;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Organisation;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.Visits;

/// <summary>
/// Who works for an urban community's residents: its staff (A or B holders of its posts — grid workers too, once
/// grids have posts) and its unit head. County departments, townships and the bureau are not (PIPL §28: least
/// privilege by jurisdiction).
/// </summary>
public static class CommunityAccess
{
    public const int MaxCommunityIdLength = 40;

    /// <summary>A grid code of the community (e.g. dongmen-03); a grid worker's post names it once grids exist.</summary>
    public const int MaxGridCodeLength = 40;

    public const string NotYourCommunity = "仅限本社区工作人员和单位负责人办理。本社区以外的人员（含其他社区、乡镇、县级部门和审批局）无权查看或登记。";

    public static Task<bool> IsUrbanCommunityAsync(TongbanDbContext db, string communityId, CancellationToken ct) =>
        db.Jurisdictions.AsNoTracking().AnyAsync(j => j.Id == communityId && j.Kind == JurisdictionKind.UrbanCommunity, ct);

    /// <summary>Holds (A or B) or heads a post of the community.</summary>
    public static Task<bool> IsStaffOfAsync(TongbanDbContext db, Actor actor, string communityId, CancellationToken ct) =>
        PostAccess.IsStaffOfAsync(db, actor.Id, communityId, ct);

    /// <summary>The unit head of the community (heads one of its posts).</summary>
    public static Task<bool> IsUnitHeadOfAsync(TongbanDbContext db, Actor actor, string communityId, CancellationToken ct) =>
        db.Posts.AsNoTracking().AnyAsync(p => p.JurisdictionId == communityId && p.UnitHeadId == actor.Id, ct);

    public static async Task<bool> IsAdministratorAsync(TongbanDbContext db, Actor actor, CancellationToken ct)
    {
        var roles = await db.Staff.AsNoTracking().Where(s => s.Id == actor.Id).Select(s => s.Roles).SingleOrDefaultAsync(ct);
        return roles?.Contains(Routes.RouteAccess.AdministratorRole) == true;
    }

    /// <summary>The community the caller works for when none is named: the first urban community among the posts they hold or head.</summary>
    public static async Task<string?> DefaultCommunityAsync(TongbanDbContext db, Actor actor, CancellationToken ct)
    {
        var ids = actor.Posts.Select(p => p.JurisdictionId).ToList();
        ids.AddRange(await db.Posts.AsNoTracking().Where(p => p.UnitHeadId == actor.Id || p.PrimaryHolderId == actor.Id || p.BackupHolderId == actor.Id).Select(p => p.JurisdictionId).ToListAsync(ct));
        var communities = await db.Jurisdictions.AsNoTracking().Where(j => ids.Contains(j.Id) && j.Kind == JurisdictionKind.UrbanCommunity).OrderBy(j => j.Code).Select(j => j.Id).ToListAsync(ct);
        return communities.FirstOrDefault();
    }

    /// <summary>The named community (validated) or the caller's own; null with an error added when neither works.</summary>
    public static async Task<string?> ResolveAsync(TongbanDbContext db, Actor actor, string? communityId, FieldErrors errors, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(communityId)) return await DefaultCommunityAsync(db, actor, ct);
        var id = errors.Required("communityId", communityId, MaxCommunityIdLength, "社区编号不超过40个字符。", oneLine: true);
        return id;
    }
}
