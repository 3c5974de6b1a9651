using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tongban.Gateway.Auth;
using Tongban.Gateway.Problems;
using Tongban.Workflows.Posts;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Organisation;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.Posts;

/// <summary>GET /api/posts/{postId}: the post's A and B holders, unit head, and who holds it today.</summary>
public static class PostHoldersEndpoint
{
    public sealed record Answer(string Id, string Name, string JurisdictionId, string Role, string PrimaryHolderId, string BackupHolderId, string UnitHeadId, DateOnly Today, string HeldBy, string HoldingKind, string? ActingFor);

    public static void MapPostHolders(this RouteGroupBuilder api) =>
        api.MapGet("/posts/{postId}", HandleAsync)
            .WithTags("Posts")
            .WithSummary("A post with its A/B holders and who holds it today (A present; B when A is away; the cover when both are).")
            .Produces<Answer>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(string postId, StaffActors staff, TongbanDbContext db, TimeProvider clock, IOptions<TimeLimitOptions> limits, CancellationToken ct)
    {
        var actor = await staff.CurrentAsync(ct);
        var post = await db.Posts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == postId, ct);
        if (post is null) return Absences.NotFound();
        if (!PostAccess.MaySee(actor, post)) return CaseProblems.Forbidden("该岗位不属于您所在的辖区。");

        var today = PostRegister.Today(clock, limits.Value.TimeZone);
        var absences = await PostRegister.AbsencesAsync(db, [post.PrimaryHolderId, post.BackupHolderId], today, today, ct);
        var holding = PostHolding.Now(PostRegister.HoldersOf(post), absences, today);
        return TypedResults.Ok(new Answer(post.Id, post.Name, post.JurisdictionId, post.Role.ToString(), post.PrimaryHolderId, post.BackupHolderId, post.UnitHeadId, today, holding.StaffId, holding.Kind.ToString(), holding.ActingForId));
    }
}
