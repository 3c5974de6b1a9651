using Microsoft.EntityFrameworkCore;
using Tongban.Gateway.Auth;
using Tongban.Gateway.Problems;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.Posts;

/// <summary>
/// GET /api/posts/{postId}/hand-back: what B (or a cover) did at the post with the A holder's authority, so A can
/// take the work back on return (AB 双岗). For the A holder and the unit head.
/// </summary>
public static class HandBack
{
    public sealed record Row(Guid CaseId, string CaseNumber, int Sequence, string Action, string ActionLabel, string FromState, string ToState, string ActorId, string ActorName, DateTimeOffset At, string CaseStateNow, string? CasePostNow);

    public static void MapHandBack(this RouteGroupBuilder api) =>
        api.MapGet("/posts/{postId}/hand-back", HandleAsync)
            .WithTags("Posts")
            .WithSummary("Hand-back list: every action taken at the post for its A holder (by B or a cover) since a date (default: the start of A's latest absence), with each case's state now.")
            .Produces<List<Row>>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(string postId, DateOnly? since, StaffActors staff, TongbanDbContext db, Microsoft.Extensions.Options.IOptions<Workflows.Runtime.Clocks.TimeLimitOptions> limits, CancellationToken ct)
    {
        var actor = await staff.CurrentAsync(ct);
        var post = await db.Posts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == postId, ct);
        if (post is null) return Absences.NotFound();
        if (actor.Id != post.PrimaryHolderId && actor.Id != post.UnitHeadId) return CaseProblems.Forbidden("交接清单仅限本岗位 A 岗人员和单位负责人查看。");

        var from = since ?? await db.PostAbsences.AsNoTracking().Where(a => a.StaffId == post.PrimaryHolderId).OrderByDescending(a => a.From).Select(a => (DateOnly?)a.From).FirstOrDefaultAsync(ct);
        var entries = await db.CaseHistory.AsNoTracking()
            .Where(h => h.PostId == postId && h.ActingForId == post.PrimaryHolderId)
            .Join(db.Cases.AsNoTracking(), h => h.CaseId, c => c.Id, (h, c) => new { h, c.Number, c.State, c.CurrentPostId })
            .ToListAsync(ct);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(limits.Value.TimeZone);
        var rows = entries
            .Where(x => from is null || DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(x.h.At, zone).DateTime) >= from)
            .OrderBy(x => x.h.At)
            .Select(x => new Row(x.h.CaseId, x.Number, x.h.Sequence, x.h.Action.ToString(), ActionLabels.Of(x.h.Action), x.h.FromState, x.h.ToState, x.h.ActorId, x.h.ActorName, x.h.At, x.State, x.CurrentPostId))
            .ToList();
        return TypedResults.Ok(rows);
    }
}
