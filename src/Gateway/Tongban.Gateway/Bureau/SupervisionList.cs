using Microsoft.EntityFrameworkCore;
using Tongban.Gateway.Auth;
using Tongban.Gateway.Problems;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.Bureau;

/// <summary>GET /api/bureau/supervision: supervision items (督办) and escalations (通报), for the bureau.</summary>
public static class SupervisionList
{
    public static void MapSupervisionList(this RouteGroupBuilder api) =>
        api.MapGet("/bureau/supervision", HandleAsync)
            .WithTags("Bureau")
            .WithSummary("Supervision items: unit, post, person and since when; open ones by default.")
            .Produces<List<SupervisionItem>>()
            .ProducesProblem(StatusCodes.Status403Forbidden);

    private static async Task<IResult> HandleAsync(StaffActors staff, TongbanDbContext db, CancellationToken ct, bool open = true, string? jurisdiction = null, int limit = 200)
    {
        var actor = await staff.CurrentAsync(ct);
        if (actor.Posts.All(p => p.Role != PostRole.BureauSupervisor)) return CaseProblems.Forbidden("督办事项仅限行政审批局督办岗位查看。");

        var items = db.SupervisionItems.AsNoTracking();
        if (open) items = items.Where(s => s.ClosedAt == null);
        if (jurisdiction is { Length: > 0 }) items = items.Where(s => s.JurisdictionId == jurisdiction);
        return TypedResults.Ok(await items.OrderByDescending(s => s.OpenedAt).Take(Math.Clamp(limit, 1, 1000)).ToListAsync(ct));
    }
}
