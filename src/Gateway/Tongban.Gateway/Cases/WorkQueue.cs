using Microsoft.EntityFrameworkCore;
using Tongban.Gateway.Auth;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.Cases;

/// <summary>GET /api/work-queue: the cases waiting at the posts the caller holds (A or B), oldest first.</summary>
public static class WorkQueue
{
    public sealed record Row(Guid Id, string Number, string ItemCode, string State, string PostId, string ApplicantName, string IdNumberMasked, DateTimeOffset OpenedAt, DateTimeOffset UpdatedAt, int Version);

    public static void MapWorkQueue(this RouteGroupBuilder api) =>
        api.MapGet("/work-queue", HandleAsync)
            .WithTags("Cases")
            .WithSummary("Cases at the caller's posts, longest waiting first. ID numbers are masked.")
            .Produces<List<Row>>();

    private static async Task<IResult> HandleAsync(StaffActors staff, TongbanDbContext db, CancellationToken ct, int limit = 100)
    {
        var actor = await staff.CurrentAsync(ct);
        var postIds = actor.Posts.Select(p => p.PostId).ToList();
        var rows = await db.Cases.AsNoTracking()
            .Where(c => c.CurrentPostId != null && postIds.Contains(c.CurrentPostId))
            .OrderBy(c => c.UpdatedAt)
            .Take(Math.Clamp(limit, 1, 500))
            .Select(c => new { c.Id, c.Number, c.ItemCode, c.State, c.CurrentPostId, c.ApplicantName, c.ApplicantIdNumber, c.OpenedAt, c.UpdatedAt, c.Version })
            .ToListAsync(ct);
        return TypedResults.Ok(rows.Select(c => new Row(c.Id, c.Number, c.ItemCode, c.State, c.CurrentPostId!, c.ApplicantName, CaseView.MaskId(c.ApplicantIdNumber), c.OpenedAt, c.UpdatedAt, c.Version)).ToList());
    }
}
