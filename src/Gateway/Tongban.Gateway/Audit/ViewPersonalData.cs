using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tongban.Gateway.Auth;
using Tongban.Gateway.Problems;
using Tongban.Workflows.Auditing;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Auditing;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.Audit;

/// <summary>
/// POST /api/cases/{id}/personal-data: the applicant's unmasked name, ID number and phone, for staff who may see
/// the case, with a stated reason (PIPL §28: sensitive personal information, full view only when needed).
/// Every view and every refused attempt is an audit record; the record is committed before anything is shown,
/// so there is no view without its record.
/// </summary>
public static class ViewPersonalData
{
    public const int MinReasonLength = 4;

    public sealed record Request(string? Reason);

    public sealed record PersonalDataView(Guid CaseId, string CaseNumber, string Name, string IdNumber, string Phone, Guid AuditRecordId);

    public static void MapViewPersonalData(this RouteGroupBuilder api) =>
        api.MapPost("/cases/{id:guid}/personal-data", HandleAsync)
            .WithTags("Personal data")
            .WithSummary("Full view of the applicant's personal data (name, ID number, phone) with a stated reason (4–200 characters). Audited, refusals too.")
            .Produces<PersonalDataView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(
        Guid id, [FromBody] Request? request, HttpContext http, StaffActors staff, TongbanDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var reason = request?.Reason?.Trim();
        if (reason is null || reason.Length < MinReasonLength || reason.Length > AuditRecordConfiguration.ReasonLength)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["reason"] = [$"查看完整个人信息须说明理由（{MinReasonLength}至{AuditRecordConfiguration.ReasonLength}字）。"] },
                title: "输入有误");
        }

        var c = await db.Cases.AsNoTracking().Where(x => x.Id == id)
            .Select(x => new { x.Number, x.IntakeCommunityId, x.RegistrationTownshipId, x.ApplicantName, x.ApplicantIdNumber, x.ApplicantPhone })
            .SingleOrDefaultAsync(ct);
        if (c is null) return CaseProblems.NotFound();

        var actor = await staff.CurrentAsync(ct);
        var allowed = StaffActors.MaySee(actor, new CaseLocation(c.IntakeCommunityId, c.RegistrationTownshipId));
        var record = AuditTrail.Append(db, AuditEntry.ForCase(
            clock.GetUtcNow(), actor.Id, AuditActions.PersonalDataView, id, allowed ? AuditOutcomes.Ok : AuditOutcomes.Denied, reason,
            detail: allowed ? "fields: name, idNumber, phone" : "not a jurisdiction of the caller"));
        await db.SaveChangesAsync(ct);
        if (!allowed) return CaseProblems.Forbidden("该案件不属于您所在的辖区，不能查看申请人的完整个人信息。本次请求已记入审计日志。");

        // Personal data must not linger in browser or proxy caches.
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new PersonalDataView(id, c.Number, c.ApplicantName, c.ApplicantIdNumber, c.ApplicantPhone, record.Id));
    }
}
