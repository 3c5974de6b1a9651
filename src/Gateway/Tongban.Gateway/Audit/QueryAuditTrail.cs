using System.Security.Claims;
using Tongban.Gateway.Problems;
using Tongban.UseCases.Audit;

namespace Tongban.Gateway.Audit;

/// <summary>GET /api/audit: the audit trail for auditors (<see cref="UseCases.Audit.QueryAuditTrail"/>).</summary>
public static class QueryAuditTrailEndpoint
{
    /// <summary>Query string; kept as text so a malformed value is a 400 naming its field.</summary>
    public sealed record Filter(string? CaseId, string? ActorId, string? Action, string? From, string? To, string? Page, string? PageSize);

    public static void MapQueryAuditTrail(this RouteGroupBuilder api) =>
        api.MapGet("/audit", async ([AsParameters] Filter f, HttpContext http, QueryAuditTrail useCase, CancellationToken ct) =>
            (await useCase.HandleAsync(new(Actor(http.User), AuditorAccess.IsAuditor(http.User), f.CaseId, f.ActorId, f.Action, f.From, f.To, f.Page, f.PageSize), ct))
                .ToHttp(TypedResults.Ok))
            .WithTags("Audit")
            .WithSummary("Audit records, newest first (Auditor role only). Filters: caseId, actorId, action, from, to (ISO 8601); page (from 1), pageSize (1–200).")
            .Produces<QueryAuditTrail.AuditPage>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

    internal static string Actor(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;
}
