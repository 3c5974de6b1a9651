using Microsoft.EntityFrameworkCore;
using Tongban.UseCases.Visits;
using Tongban.Workflows.Auditing;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Residents;
using Tongban.Workflows.Runtime.Auditing;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.SpecialGroups;

/// <summary>
/// One row of the special-groups register in full (PIPL §28): a stated reason of 4–200 characters is required (400
/// naming <c>reason</c>), only the community's staff and unit head; every view and every refused attempt is an
/// audit record with the reason, committed before anything is shown.
/// </summary>
public sealed class ViewSpecialGroupMember(TongbanDbContext db, CalendarProvider calendars, TimeProvider clock)
{
    public const int MinReasonLength = 4;
    public const int MaxReasonLength = AuditRecordConfiguration.ReasonLength;

    public const string ReasonMessage = "请填写查看完整信息的事由（4至200字）：须说明理由方可查看，本次查看将记入审计日志。";

    public sealed record Request(Guid Id, string? Reason);

    public sealed record Full(Guid Id, string CommunityId, string? GridCode, string Name, string IdNumber, string? Phone, SpecialGroup Group, string GroupLabel,
        int? DisabilityGrade, DateOnly Since, DateOnly Until, string? ContactName, string? ContactPhone, string? Note, Guid AuditRecordId);

    public async Task<Outcome<Full>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        var reason = request.Reason?.Trim();
        if (reason is null || reason.Length is < MinReasonLength or > MaxReasonLength || PersonName.HasHiddenCharacters(reason, allowLineBreaks: true))
        {
            return Outcome.Invalid<Full>("reason", ReasonMessage);
        }

        var (today, now) = await SpecialGroupRegister.TodayAsync(db, calendars, clock, ct);
        await SpecialGroupRegister.PurgeExpiredAsync(db, today, now, actor.Id, ct);
        var m = await db.SpecialGroupMembers.AsNoTracking().SingleOrDefaultAsync(x => x.Id == request.Id && x.Until >= today, ct);
        if (m is null) return Outcome.NotFound<Full>("台账记录不存在或已过保存期限。");

        var allowed = await CommunityAccess.IsStaffOfAsync(db, actor, m.CommunityId, ct);
        var record = AuditTrail.Append(db, new AuditEntry(now, actor.Id, AuditActions.SpecialGroupView, AuditSubjects.SpecialGroupMember(m.Id),
            allowed ? AuditOutcomes.Ok : AuditOutcomes.Denied, Reason: reason, Detail: allowed ? "fields: name, idNumber, phone, contact, note" : "not staff of the row's community"));
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        if (!allowed) return Outcome.Forbidden<Full>(CommunityAccess.NotYourCommunity + "本次请求已记入审计日志。");

        return new Full(m.Id, m.CommunityId, m.GridCode, m.Name, m.IdNumber, m.Phone, m.Group, SpecialGroupText.Label(m.Group), m.DisabilityGrade, m.Since, m.Until,
            m.ContactName, m.ContactPhone, m.Note, record.Id);
    }
}
