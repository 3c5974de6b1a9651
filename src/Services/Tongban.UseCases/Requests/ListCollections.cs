using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Residents;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.Requests;

/// <summary>
/// 上门收件 as the grid worker sees it: the collections of their grid posts (given to them, or at a post they hold
/// now), open ones first by appointment, with the item's material list to tick. Name, phone and address masked;
/// the full contact is <see cref="ViewRequestContact"/> (audited).
/// </summary>
public sealed class ListCollections(TongbanDbContext db, ItemVersionCache items)
{
    public const int MaxTake = 200;

    public sealed record Request(int? Take);

    public sealed record Material(string Code, string Name, bool Essential);

    public sealed record Row(
        Guid Id, Guid RequestId, string Reference, string GridId, string GridName, string PostId, string AssignedStaffId, DateTimeOffset AppointmentAt,
        string NameMasked, string PhoneMasked, string AddressMasked, string ItemCode, string ItemName, IReadOnlyList<Material> Materials,
        bool Done, IReadOnlyList<string> Collected, string? CollectedBy, DateTimeOffset? CollectedAt, bool MayRecord, int Version);

    public async Task<Outcome<IReadOnlyList<Row>>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        if (request.Take is < 1 or > MaxTake) return Outcome.Invalid<IReadOnlyList<Row>>("take", $"take 应在 1 到 {MaxTake} 之间。");
        var posts = RequestAccess.GridPostsOf(actor);
        if (posts.Count == 0) return Outcome.Forbidden<IReadOnlyList<Row>>("上门收件任务仅供网格员查看。");

        var me = actor.Id;
        var tasks = await db.CollectionTasks.AsNoTracking().Where(t => posts.Contains(t.PostId) || t.AssignedStaffId == me)
            .OrderBy(t => t.Done).ThenBy(t => t.AppointmentAt).Take(request.Take ?? 100).ToListAsync(ct);
        var requestIds = tasks.Select(t => t.RequestId).ToList();
        var requests = await db.ServiceRequests.AsNoTracking().Where(r => requestIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        var grids = await db.Grids.AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        var rows = new List<Row>();
        foreach (var t in tasks)
        {
            var r = requests[t.RequestId];
            var item = await items.GetCurrentAsync(db, r.ItemCode, ct);
            rows.Add(new Row(
                t.Id, r.Id, r.Reference, t.GridId, grids.GetValueOrDefault(t.GridId, t.GridId), t.PostId, t.AssignedStaffId, t.AppointmentAt,
                Mask.Name(r.Name), RequestAccess.MaskPhone(r.Phone), RequestAccess.MaskAddress(t.Address), r.ItemCode, item?.Spec.Name ?? r.ItemCode,
                item is null ? [] : [.. item.Spec.Materials.Select(m => new Material(m.Code, m.Name, m.Essential))],
                t.Done, t.Collected, t.CollectedBy, t.CollectedAt, !t.Done && RequestAccess.MayCollect(actor, t.PostId, t.AssignedStaffId), t.Version));
        }

        return rows;
    }
}
