using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Persistence;
using Tongban.Workflows.Runtime.Residents;

namespace Tongban.UseCases.Visits;

/// <summary>
/// A booked visit is cancelled by the community's staff (the resident called it off): its place goes back to the
/// day, in the same save as the visit's new status (both versions checked, so a cancellation racing an intake or a
/// booking of that day is 409, never a lost place).
/// </summary>
public sealed class CancelVisit(TongbanDbContext db, TimeProvider clock)
{
    public sealed record Request(Guid Id);

    public async Task<Outcome<Guid>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        var v = await db.Visits.SingleOrDefaultAsync(x => x.Id == request.Id, ct);
        if (v is null) return Outcome.NotFound<Guid>("上门预约不存在。");
        if (!await CommunityAccess.IsStaffOfAsync(db, actor, v.CommunityId, ct)) return Outcome.Forbidden<Guid>(CommunityAccess.NotYourCommunity);
        if (v.Status != VisitStatus.Booked) return Outcome.Conflict<Guid>("该预约已办结或已取消。");

        var slot = await db.VisitSlots.SingleOrDefaultAsync(s => s.CommunityId == v.CommunityId && s.Day == v.Day, ct);
        v.Status = VisitStatus.Cancelled;
        v.ClosedAt = clock.GetUtcNow();
        v.Version++;
        if (slot is { Booked: > 0 })
        {
            slot.Booked--;
            slot.Version++;
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return v.Id;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome.Conflict<Guid>("该预约或当日名额刚被他人更新，本次取消未生效，请刷新后重试。");
        }
    }
}
