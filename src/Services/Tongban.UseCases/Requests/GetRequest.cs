using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.Requests;

/// <summary>One online request as its community sees it (masked): call-back, collection, and the case it became.</summary>
public sealed class GetRequest(TongbanDbContext db, ItemVersionCache items, TimeProvider clock)
{
    public sealed record Request(Guid RequestId);

    public async Task<Outcome<ListRequests.Row>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        var row = await db.ServiceRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == request.RequestId, ct);
        if (row is null) return Outcome.NotFound<ListRequests.Row>("网上申请不存在。");
        if (!RequestAccess.CommunitiesOf(actor).Contains(row.CommunityId)) return Outcome.Forbidden<ListRequests.Row>("该网上申请不属于您所在的社区。");
        return (await ListRequests.RowsAsync(db, items, [row], clock.GetUtcNow(), ct))[0];
    }
}
