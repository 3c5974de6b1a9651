using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Requests;
using Tongban.Workflows.Residents;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Persistence;
using Tongban.Workflows.Runtime.Requests;

namespace Tongban.UseCases.Requests;

/// <summary>
/// 网上申请回访: the online requests of the staff member's community (window clerks and specialists), waiting
/// call-backs first and most urgent first, overdue call-backs marked. Name, phone and address masked; the full
/// contact is <see cref="ViewRequestContact"/> (audited).
/// </summary>
public sealed class ListRequests(TongbanDbContext db, ItemVersionCache items, TimeProvider clock)
{
    public const int MaxTake = 200;

    /// <param name="Status">open (waiting for call-back or collection, or to be taken in), all (default).</param>
    public sealed record Request(string? Status, int? Take);

    public sealed record Row(
        Guid Id, string Reference, string CommunityId, string ItemCode, string ItemName, string NameMasked, string PhoneMasked,
        string? PreferredTime, string? AddressMasked, string? GridId, string? GridName, DateTimeOffset SubmittedAt, DateTimeOffset CallBackDueAt,
        bool CallBackOverdue, ServiceRequestState State, CallBackOutcome? Outcome, string? CallBackBy, DateTimeOffset? CallBackAt,
        Guid? ConsultationId, Guid? CaseId, Collection? Collection, int Version);

    public sealed record Collection(Guid TaskId, string GridId, string AssignedStaffId, DateTimeOffset AppointmentAt, bool Done, IReadOnlyList<string> Collected, string? CollectedBy, DateTimeOffset? CollectedAt);

    public async Task<Outcome<IReadOnlyList<Row>>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        if (request.Take is < 1 or > MaxTake) return Outcome.Invalid<IReadOnlyList<Row>>("take", $"take 应在 1 到 {MaxTake} 之间。");
        if (request.Status is not (null or "open" or "all")) return Outcome.Invalid<IReadOnlyList<Row>>("status", "status 应为 open 或 all。");
        var communities = RequestAccess.CommunitiesOf(actor);
        if (communities.Count == 0) return Outcome.Forbidden<IReadOnlyList<Row>>("网上申请回访仅供本社区综合窗口和通办专员办理。");

        var query = db.ServiceRequests.AsNoTracking().Where(r => communities.Contains(r.CommunityId));
        if (request.Status == "open") query = query.Where(r => r.State != ServiceRequestState.Closed && r.State != ServiceRequestState.CaseOpened);
        var rows = await query.OrderByDescending(r => r.SubmittedAt).Take(request.Take ?? 100).ToListAsync(ct);
        return await RowsAsync(db, items, rows, clock.GetUtcNow(), ct);
    }

    internal static async Task<List<Row>> RowsAsync(TongbanDbContext db, ItemVersionCache items, List<ServiceRequest> rows, DateTimeOffset now, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var tasks = await db.CollectionTasks.AsNoTracking().Where(t => ids.Contains(t.RequestId)).ToDictionaryAsync(t => t.RequestId, ct);
        var grids = await db.Grids.AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        var result = new List<Row>();
        foreach (var r in rows.OrderBy(r => r.State == ServiceRequestState.AwaitingCallBack ? 0 : 1).ThenBy(r => r.State == ServiceRequestState.AwaitingCallBack ? r.CallBackDueAt : DateTimeOffset.MaxValue))
        {
            var itemName = (await items.GetCurrentAsync(db, r.ItemCode, ct))?.Spec.Name ?? r.ItemCode;
            var task = tasks.GetValueOrDefault(r.Id);
            result.Add(new Row(
                r.Id, r.Reference, r.CommunityId, r.ItemCode, itemName, Mask.Name(r.Name), RequestAccess.MaskPhone(r.Phone), r.PreferredTime,
                r.Address is null ? null : RequestAccess.MaskAddress(r.Address), r.GridId, r.GridId is null ? null : grids.GetValueOrDefault(r.GridId),
                r.SubmittedAt, r.CallBackDueAt,
                r.State == ServiceRequestState.AwaitingCallBack ? CallBackDeadline.IsOverdue(r.CallBackDueAt, now) : r.CallBackAt > r.CallBackDueAt,
                r.State, r.Outcome, r.CallBackBy, r.CallBackAt, r.ConsultationId, r.CaseId,
                task is null ? null : new Collection(task.Id, task.GridId, task.AssignedStaffId, task.AppointmentAt, task.Done, task.Collected, task.CollectedBy, task.CollectedAt),
                r.Version));
        }

        return result;
    }
}
