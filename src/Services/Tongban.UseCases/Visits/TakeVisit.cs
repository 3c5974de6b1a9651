using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Persistence;
using Tongban.Workflows.Runtime.Residents;

namespace Tongban.UseCases.Visits;

/// <summary>A staff member of the community takes a booked visit (it becomes theirs to make); two at once: one wins, the other 409.</summary>
public sealed class TakeVisit(TongbanDbContext db)
{
    public sealed record Request(Guid Id);

    public async Task<Outcome<Guid>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        var v = await db.Visits.SingleOrDefaultAsync(x => x.Id == request.Id, ct);
        if (v is null) return Outcome.NotFound<Guid>("上门预约不存在。");
        if (!await CommunityAccess.IsStaffOfAsync(db, actor, v.CommunityId, ct)) return Outcome.Forbidden<Guid>(CommunityAccess.NotYourCommunity);
        if (v.Status != VisitStatus.Booked) return Outcome.Conflict<Guid>("该预约已办结或已取消。");
        if (v.VisitorStaffId is not null && v.VisitorStaffId != actor.Id) return Outcome.Conflict<Guid>("该预约已由其他工作人员接单。");
        v.VisitorStaffId = actor.Id;
        v.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
            return v.Id;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome.Conflict<Guid>("该预约刚被他人更新，请刷新后重试。");
        }
    }
}
