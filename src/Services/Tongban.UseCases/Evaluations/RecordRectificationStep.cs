using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Evaluations;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.Evaluations;

/// <summary>The steps of a rectification, in order: contact the resident, rectify, revisit.</summary>
public enum RectificationStep
{
    Contact,
    Rectify,
    Revisit,
}

/// <summary>
/// 差评整改: the unit that handled a badly rated case records contacting the resident (within 1 working day), the
/// rectification (within 15) and the revisit, in that order. For the post's holders and its unit head. Two
/// records of the same step at once: the item's version lets one commit, the other is 409.
/// </summary>
public sealed class RecordRectificationStep(TongbanDbContext db, TimeProvider clock)
{
    public const int MaxNoteLength = 500;
    public const string NotFoundReason = "整改事项不存在。";

    public sealed record Request(Guid ItemId, RectificationStep Step, string? Note, bool? Satisfied);

    public async Task<Outcome<RectificationItem>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        // Input first, as every use case: a bad field is 400 whichever item it names.
        var errors = new FieldErrors();
        var note = errors.Required("note", request.Note, MaxNoteLength, $"请填写情况说明（不超过{MaxNoteLength}字）。");
        if (request.Step == RectificationStep.Revisit && request.Satisfied is null) errors.Add("satisfied", "请填写回访结果：满意（true）或不满意（false）。");
        if (errors.Any) return errors.Outcome<RectificationItem>();

        var item = await db.RectificationItems.SingleOrDefaultAsync(r => r.Id == request.ItemId, ct);
        if (item is null) return Outcome.NotFound<RectificationItem>(NotFoundReason);
        var isHead = await db.Posts.AnyAsync(p => p.Id == item.PostId && p.UnitHeadId == actor.Id, ct);
        if (!isHead && actor.Posts.All(p => p.PostId != item.PostId || p.OnlyEscalated))
        {
            return Outcome.Forbidden<RectificationItem>("整改事项由被评价单位的岗位人员或单位负责人办理。");
        }

        var refusal = request.Step switch
        {
            RectificationStep.Contact when item.ContactedAt is not null => "已记录联系情况。",
            RectificationStep.Rectify when item.ContactedAt is null => "请先记录联系申请人的情况。",
            RectificationStep.Rectify when item.RectifiedAt is not null => "已记录整改情况。",
            RectificationStep.Revisit when item.RectifiedAt is null => "请先记录整改情况再回访。",
            RectificationStep.Revisit when item.RevisitedAt is not null => "已记录回访结果。",
            _ => null,
        };
        if (refusal is not null) return Outcome.Conflict<RectificationItem>(refusal);

        var now = clock.GetUtcNow();
        switch (request.Step)
        {
            case RectificationStep.Contact: (item.ContactedAt, item.ContactNote) = (now, note); break;
            case RectificationStep.Rectify: (item.RectifiedAt, item.RectificationNote) = (now, note); break;
            default: (item.RevisitedAt, item.RevisitSatisfied, item.RevisitNote) = (now, request.Satisfied, note); break;
        }

        item.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome.Conflict<RectificationItem>("该整改事项刚被其他人员更新，本次记录未生效，请刷新后查看。");
        }

        return item;
    }
}
