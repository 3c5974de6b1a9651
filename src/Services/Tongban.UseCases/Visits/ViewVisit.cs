using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Auditing;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Auditing;
using Tongban.Workflows.Runtime.Persistence;
using Tongban.Workflows.Runtime.Residents;

namespace Tongban.UseCases.Visits;

/// <summary>
/// A visit's full contact (name, phone, address), for the community's staff going there. Every view, and every
/// refused attempt, is an audit record committed before anything is shown.
/// </summary>
public sealed class ViewVisit(TongbanDbContext db, TimeProvider clock)
{
    public const string ViewAction = "visit.view";

    public sealed record Request(Guid Id);

    public sealed record Full(Guid Id, string CommunityId, DateOnly Day, string Name, string Phone, string Address, string Reason, string? ItemCode, string? GridCode, VisitStatus Status, string? VisitorStaffId, Guid? CaseId);

    public async Task<Outcome<Full>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        var v = await db.Visits.AsNoTracking().SingleOrDefaultAsync(x => x.Id == request.Id, ct);
        if (v is null) return Outcome.NotFound<Full>("上门预约不存在。");
        var allowed = await CommunityAccess.IsStaffOfAsync(db, actor, v.CommunityId, ct);
        AuditTrail.Append(db, new AuditEntry(clock.GetUtcNow(), actor.Id, ViewAction, $"visit:{v.Id}", allowed ? AuditOutcomes.Ok : AuditOutcomes.Denied,
            Reason: "上门服务", Detail: allowed ? "fields: name, phone, address" : "not staff of the visit's community"));
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        if (!allowed) return Outcome.Forbidden<Full>(CommunityAccess.NotYourCommunity);
        return new Full(v.Id, v.CommunityId, v.Day, v.ResidentName, v.Phone, v.Address, v.Reason, v.ItemCode, v.GridCode, v.Status, v.VisitorStaffId, v.CaseId);
    }
}
