using Tongban.Gateway.Auth;
using Tongban.Gateway.Problems;
using Tongban.UseCases.People;
using Tongban.Workflows.Cases;

namespace Tongban.Gateway.Posts;

/// <summary>
/// GET /api/posts/{postId}/hand-back: what B (or a cover) did at the post with the A holder's authority, so A can
/// take the work back on return (AB 双岗). For the A holder and the unit head.
/// </summary>
public static class HandBack
{
    public sealed record Row(Guid CaseId, string CaseNumber, int Sequence, string Action, string ActionLabel, string FromState, string ToState, string ActorId, string ActorName, DateTimeOffset At, string CaseStateNow, string? CasePostNow);

    public static void MapHandBack(this RouteGroupBuilder api) =>
        api.MapGet("/posts/{postId}/hand-back", async (string postId, DateOnly? since, ListHandBack useCase, StaffActors staff, CancellationToken ct) =>
                (await useCase.HandleAsync(new(postId, since), await staff.CurrentAsync(ct), ct)).ToHttp(rows => TypedResults.Ok(rows.Select(ToRow).ToList())))
            .WithTags("Posts")
            .WithSummary("Hand-back list: every action taken at the post for its A holder (by B or a cover) since a date (default: the start of A's latest absence), with each case's state now.")
            .Produces<List<Row>>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

    private static Row ToRow(ListHandBack.Row r) => new(r.Entry.CaseId, r.CaseNumber, r.Entry.Sequence, r.Entry.Action.ToString(), ActionLabels.Of(r.Entry.Action),
        r.Entry.FromState, r.Entry.ToState, r.Entry.ActorId, r.Entry.ActorName, r.Entry.At, r.CaseStateNow, r.CasePostNow);
}
