using Microsoft.EntityFrameworkCore;
using Tongban.UseCases.Cases;
using Tongban.Workflows.Auditing;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Auditing;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.Audit;

/// <summary>
/// The applicant's unmasked name, ID number and phone (PIPL §28: sensitive personal information, full view only
/// when needed), from the API or the case page: a stated reason of 4–200 characters (a longer one is refused, not
/// cut), only for staff who may see the case. Every view and every refused attempt by someone who may not see the
/// case is an audit record, committed before anything is shown, so there is no view without its record.
/// </summary>
public sealed class ViewPersonalData(TongbanDbContext db, TimeProvider clock)
{
    public const int MinReasonLength = 4;
    public const int MaxReasonLength = AuditRecordConfiguration.ReasonLength;

    public const string ReasonMessage = "请填写查看完整号码的事由（4至200字）：须说明理由方可查看，本次查看将记入审计日志。";

    public sealed record Request(Guid CaseId, string? Reason);

    public sealed record PersonalDataView(Guid CaseId, string CaseNumber, string Name, string IdNumber, string Phone, Guid AuditRecordId);

    public async Task<Outcome<PersonalDataView>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        var reason = request.Reason?.Trim();
        if (reason is null || reason.Length is < MinReasonLength or > MaxReasonLength) return Outcome.Invalid<PersonalDataView>("reason", ReasonMessage);

        var c = await db.Cases.AsNoTracking().Where(x => x.Id == request.CaseId)
            .Select(x => new { x.Number, x.IntakeCommunityId, x.RegistrationTownshipId, x.ApplicantName, x.ApplicantIdNumber, x.ApplicantPhone })
            .SingleOrDefaultAsync(ct);
        if (c is null) return Outcome.NotFound<PersonalDataView>();

        var allowed = CaseVisibility.MaySee(actor, new CaseLocation(c.IntakeCommunityId, c.RegistrationTownshipId));
        var record = AuditTrail.Append(db, AuditEntry.ForCase(
            clock.GetUtcNow(), actor.Id, AuditActions.PersonalDataView, request.CaseId, allowed ? AuditOutcomes.Ok : AuditOutcomes.Denied, reason,
            detail: allowed ? "fields: name, idNumber, phone" : "not a jurisdiction of the caller"));
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        if (!allowed) return Outcome.Forbidden<PersonalDataView>("该案件不属于您所在的辖区，不能查看申请人的完整个人信息。本次请求已记入审计日志。");

        return new PersonalDataView(request.CaseId, c.Number, c.ApplicantName, c.ApplicantIdNumber, c.ApplicantPhone, record.Id);
    }
}
