using Microsoft.Extensions.Options;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Posts;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Organisation;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.People;

/// <summary>A post with its A and B holders, its unit head, and who holds it today (A present; B for A; the cover; the unit head).</summary>
public sealed class GetPostHolders(TongbanDbContext db, TimeProvider clock, IOptions<TimeLimitOptions> limits)
{
    public sealed record Request(string PostId);

    public sealed record Answer(Post Post, DateOnly Today, Holding Holding);

    public async Task<Outcome<Answer>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        var post = await PostAccess.FindAsync(db, request.PostId, ct);
        if (post is null) return Outcome.NotFound<Answer>(PostAccess.PostNotFound);
        if (!PostAccess.MaySee(actor, post)) return Outcome.Forbidden<Answer>(PostAccess.NotYourJurisdiction);

        var today = PostRegister.Today(clock, limits.Value.TimeZone);
        var absences = await PostRegister.AbsencesAsync(db, [post.PrimaryHolderId, post.BackupHolderId], today, today, ct);
        return new Answer(post, today, PostHolding.Now(PostRegister.HoldersOf(post), absences, today));
    }
}
