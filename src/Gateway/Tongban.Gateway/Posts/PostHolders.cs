using Tongban.Gateway.Auth;
using Tongban.Gateway.Problems;
using Tongban.UseCases.People;

namespace Tongban.Gateway.Posts;

/// <summary>GET /api/posts/{postId}: the post's A and B holders, unit head, and who holds it today.</summary>
public static class PostHoldersEndpoint
{
    public sealed record Answer(string Id, string Name, string JurisdictionId, string Role, string PrimaryHolderId, string BackupHolderId, string UnitHeadId, DateOnly Today, string HeldBy, string HoldingKind, string? ActingFor);

    public static void MapPostHolders(this RouteGroupBuilder api) =>
        api.MapGet("/posts/{postId}", async (string postId, GetPostHolders useCase, StaffActors staff, CancellationToken ct) =>
                (await useCase.HandleAsync(new(postId), await staff.CurrentAsync(ct), ct)).ToHttp(a => TypedResults.Ok(ToAnswer(a))))
            .WithTags("Posts")
            .WithSummary("A post with its A/B holders and who holds it today (A present; B when A is away; the cover when both are).")
            .Produces<Answer>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

    private static Answer ToAnswer(GetPostHolders.Answer a) => new(a.Post.Id, a.Post.Name, a.Post.JurisdictionId, a.Post.Role.ToString(), a.Post.PrimaryHolderId,
        a.Post.BackupHolderId, a.Post.UnitHeadId, a.Today, a.Holding.StaffId, a.Holding.Kind.ToString(), a.Holding.ActingForId);
}
