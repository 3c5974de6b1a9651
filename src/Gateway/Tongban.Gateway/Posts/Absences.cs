using Tongban.Gateway.Auth;
using Tongban.Gateway.Problems;
using Tongban.UseCases.People;
using Tongban.Workflows.Runtime.Organisation;

namespace Tongban.Gateway.Posts;

/// <summary>
/// POST/GET /api/posts/{postId}/absences: the absence register (AB 双岗). The holder registers their own leave,
/// the unit head anyone's; leaving A and B both away is 409 unless the unit head names a cover of the same unit.
/// </summary>
public static class Absences
{
    public sealed record Request(string? StaffId, DateOnly? From, DateOnly? To, string? CoverStaffId);

    public sealed record Row(Guid Id, string PostId, string StaffId, DateOnly From, DateOnly To, string? CoverStaffId, string RegisteredBy, DateTimeOffset RegisteredAt);

    public static void MapAbsences(this RouteGroupBuilder api)
    {
        var posts = api.MapGroup("/posts/{postId}/absences").WithTags("Posts");
        posts.MapPost("/", async (string postId, Request body, RegisterAbsence useCase, StaffActors staff, CancellationToken ct) =>
                (await useCase.HandleAsync(new(postId, body.StaffId, body.From, body.To, body.CoverStaffId), await staff.CurrentAsync(ct), ct))
                    .ToHttp(a => TypedResults.Created($"/api/posts/{a.PostId}/absences", ToRow(a))))
            .WithSummary("Register a holder's absence (county-local days 2000–2100, both included, at most a year); both A and B away needs a cover of the same unit named by the unit head.")
            .Produces<Row>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        posts.MapGet("/", async (string postId, DateOnly? from, ListAbsences useCase, StaffActors staff, CancellationToken ct) =>
                (await useCase.HandleAsync(new(postId, from), await staff.CurrentAsync(ct), ct)).ToHttp(rows => TypedResults.Ok(rows.Select(ToRow).ToList())))
            .WithSummary("The post's absences that end on or after a date (default: today).")
            .Produces<List<Row>>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static Row ToRow(PostAbsence a) => new(a.Id, a.PostId, a.StaffId, a.From, a.To, a.CoverStaffId, a.RegisteredBy, a.RegisteredAt);
}
