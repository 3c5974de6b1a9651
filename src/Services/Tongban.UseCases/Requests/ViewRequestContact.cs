using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Cases;
using Tongban.UseCases.Audit;
using Tongban.Workflows.Auditing;
using Tongban.Workflows.Runtime.Auditing;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.Requests;

/// <summary>
/// The resident's full name, phone and address of an online request — for the call-back (the community's window
/// and specialists) or the collection (the grid worker of the task): with a stated reason, each view and each
/// refused attempt an audit record committed before anything is shown.
/// </summary>
public sealed class ViewRequestContact(TongbanDbContext db, TimeProvider clock)
{
    public const int MinReasonLength = ViewPersonalData.MinReasonLength;
    public const int MaxReasonLength = ViewPersonalData.MaxReasonLength;

    public sealed record Request(Guid RequestId, string? Reason);

    public sealed record Contact(Guid RequestId, string Reference, string Name, string Phone, string? Address, Guid AuditRecordId);

    public async Task<Outcome<Contact>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        var reason = request.Reason?.Trim();
        if (reason is null || reason.Length is < MinReasonLength or > MaxReasonLength) return Outcome.Invalid<Contact>("reason", ViewPersonalData.ReasonMessage.Replace("完整号码", "完整联系方式", StringComparison.Ordinal));

        var r = await db.ServiceRequests.AsNoTracking().SingleOrDefaultAsync(x => x.Id == request.RequestId, ct);
        if (r is null) return Outcome.NotFound<Contact>("网上申请不存在。");
        var task = await db.CollectionTasks.AsNoTracking().SingleOrDefaultAsync(t => t.RequestId == r.Id, ct);
        var allowed = RequestAccess.CommunitiesOf(actor).Contains(r.CommunityId)
            || (task is not null && !task.Done && RequestAccess.MayCollect(actor, task.PostId, task.AssignedStaffId));
        var record = AuditTrail.Append(db, new AuditEntry(
            clock.GetUtcNow(), actor.Id, AuditActions.PersonalDataView, $"service-request:{r.Id}", allowed ? AuditOutcomes.Ok : AuditOutcomes.Denied, Reason: reason,
            Detail: allowed ? "fields: name, phone, address" : "not the request's community or grid worker"));
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        if (!allowed) return Outcome.Forbidden<Contact>("该网上申请不属于您所在的社区或网格，不能查看联系方式。本次请求已记入审计日志。");
        return new Contact(r.Id, r.Reference, r.Name, r.Phone, task?.Address ?? r.Address, record.Id);
    }
}
