using Tongban.Gateway.Auth;
using Tongban.Gateway.Problems;
using Tongban.UseCases.People;

namespace Tongban.Gateway.Cases;

/// <summary>
/// POST /api/cases/{id}/second-correction-approvals: 一次性告知 exception. The unit head of the township post
/// approves, with a reason, one more return for correction on a case already returned once; the next return uses
/// it up. Every approval is counted as a breach in the bureau's statistics.
/// </summary>
public static class SecondCorrectionApprovals
{
    public sealed record Request(string? Reason);

    public sealed record Row(Guid Id, Guid CaseId, string JurisdictionId, string ApprovedBy, string Reason, DateTimeOffset ApprovedAt, DateTimeOffset? UsedAt);

    public static void MapSecondCorrectionApprovals(this RouteGroupBuilder api) =>
        api.MapPost("/cases/{id:guid}/second-correction-approvals", async (Guid id, Request body, ApproveSecondCorrection useCase, StaffActors staff, CancellationToken ct) =>
                (await useCase.HandleAsync(new(id, body.Reason), await staff.CurrentAsync(ct), ct))
                    .ToHttp(a => TypedResults.Created($"/api/cases/{a.CaseId}", new Row(a.Id, a.CaseId, a.JurisdictionId, a.ApprovedBy, a.Reason, a.ApprovedAt, a.UsedAt))))
            .WithTags("Route actions")
            .WithSummary("再次补正审批: the township unit head allows one more return for correction, with a reason (counted as a breach of 一次性告知). At most one unused approval per case.")
            .Produces<Row>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
