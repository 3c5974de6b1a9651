using Tongban.Gateway.Problems;
using Tongban.UseCases.Audit;

namespace Tongban.Gateway.Audit;

/// <summary>GET /api/audit/verify: the auditor's check of the hash chain (<see cref="UseCases.Audit.VerifyAuditTrail"/>).</summary>
public static class VerifyAuditTrailEndpoint
{
    public static void MapVerifyAuditTrail(this RouteGroupBuilder api) =>
        api.MapGet("/audit/verify", async (HttpContext http, VerifyAuditTrail useCase, CancellationToken ct, string? anchorIndex = null, string? anchorHash = null) =>
            (await useCase.HandleAsync(new(QueryAuditTrailEndpoint.Actor(http.User), AuditorAccess.IsAuditor(http.User), anchorIndex, anchorHash), ct)).ToHttp(TypedResults.Ok))
            .WithTags("Audit")
            .WithSummary("Verify the audit trail's hash chain (Auditor role only): first broken record, missing records, records left unsealed. Optional anchorIndex + anchorHash: a head recorded earlier.")
            .Produces<VerifyAuditTrail.VerifyView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
