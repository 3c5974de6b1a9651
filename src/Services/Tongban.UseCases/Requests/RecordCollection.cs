using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Persistence;
using Tongban.Workflows.Runtime.Requests;

namespace Tongban.UseCases.Requests;

/// <summary>
/// 上门收件 done: the grid worker records which of the item's materials they collected at the resident's home.
/// The request is then ready for the window to open its case (<c>OpenCase</c> with the request id). Once only (409).
/// </summary>
public sealed class RecordCollection(TongbanDbContext db, ItemVersionCache items, TimeProvider clock)
{
    public const int MaxMaterials = 50;
    public const int MaxMaterialCodeLength = 40;
    public const int MaxNoteLength = 500;

    public sealed record Request(Guid TaskId, IReadOnlyList<string?>? Materials, string? Note, int? Version);

    public async Task<Outcome<CollectionTask>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var codes = new List<string>();
        if (request.Materials is not { Count: > 0 } materials) errors.Add("materials", "请勾选收取的材料。");
        else if (materials.Count > MaxMaterials) errors.Add("materials", $"材料最多 {MaxMaterials} 项。");
        else
        {
            for (var i = 0; i < materials.Count; i++)
            {
                var code = errors.Required($"materials[{i}]", materials[i], MaxMaterialCodeLength, $"材料代码不超过{MaxMaterialCodeLength}个字符。", oneLine: true);
                if (code is not null) codes.Add(code);
            }
        }

        var note = errors.Optional("note", request.Note, MaxNoteLength, $"备注不超过{MaxNoteLength}字。");
        if (errors.Any) return errors.Outcome<CollectionTask>();

        var task = await db.CollectionTasks.SingleOrDefaultAsync(t => t.Id == request.TaskId, ct);
        if (task is null) return Outcome.NotFound<CollectionTask>("上门收件任务不存在。");
        if (!RequestAccess.MayCollect(actor, task.PostId, task.AssignedStaffId)) return Outcome.Forbidden<CollectionTask>("该上门收件任务不是您的网格的。");
        if (request.Version is { } v && v != task.Version) return Outcome.Conflict<CollectionTask>("该任务已被他人更新，请刷新后重试。");
        if (task.Done) return Outcome.Conflict<CollectionTask>($"该任务已于 {task.CollectedAt:yyyy-MM-dd HH:mm} 由 {task.CollectedBy} 登记收件，不能重复登记。");

        var row = await db.ServiceRequests.SingleAsync(r => r.Id == task.RequestId, ct);
        var item = await items.GetCurrentAsync(db, row.ItemCode, ct);
        var known = item?.Spec.Materials.Select(m => m.Code).ToHashSet(StringComparer.Ordinal) ?? [];
        for (var i = 0; i < codes.Count; i++)
        {
            if (!known.Contains(codes[i])) errors.Add($"materials[{i}]", $"「{codes[i]}」不是本事项的材料。");
        }

        if (errors.Any) return errors.Outcome<CollectionTask>();

        var now = clock.GetUtcNow();
        task.Done = true;
        task.Collected = [.. codes.Distinct(StringComparer.Ordinal)];
        task.CollectedBy = actor.Id;
        task.CollectedAt = now;
        task.Note = note;
        task.Version++;
        row.State = ServiceRequestState.Collected;
        row.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome.Conflict<CollectionTask>("该任务刚被他人登记，本次未生效，请刷新后查看。");
        }

        return task;
    }
}
