using Microsoft.EntityFrameworkCore;
using Tongban.Gateway.Auth;
using Tongban.Gateway.Problems;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.Evaluations;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.Evaluations;

/// <summary>
/// GET /api/rectifications and POST /api/rectifications/{id}/{contact|rectify|revisit}: 差评整改 for the unit that
/// handled a badly rated case. Shows no rater and no recording clerk. Steps in order: contact, rectify, revisit.
/// </summary>
public static class Rectifications
{
    public sealed record StepRequest(string? Note, bool? Satisfied);

    public sealed record Row(Guid Id, Guid CaseId, string CaseNumber, int Level, string JurisdictionId, string PostId, DateTimeOffset OpenedAt,
        DateTimeOffset ContactDueAt, DateTimeOffset RectifyDueAt, DateTimeOffset? ContactedAt, string? ContactNote, DateTimeOffset? RectifiedAt,
        string? RectificationNote, DateTimeOffset? RevisitedAt, bool? RevisitSatisfied, string? RevisitNote);

    public static void MapRectifications(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/rectifications").WithTags("Evaluation follow-up");
        group.MapGet("/", ListAsync).WithSummary("Rectification items of the caller's jurisdictions (the bureau: the county); open ones by default. Never names the rater.").Produces<List<Row>>();
        foreach (var step in new[] { "contact", "rectify", "revisit" })
        {
            group.MapPost($"/{{id:guid}}/{step}", (Guid id, StepRequest body, StaffActors staff, TongbanDbContext db, TimeProvider clock, CancellationToken ct) => StepAsync(id, step, body, staff, db, clock, ct))
                .WithSummary(step switch { "contact" => "Record contacting the resident (due within 1 working day).", "rectify" => "Record the rectification (due within 15 working days).", _ => "Record the revisit result (satisfied or not)." })
                .Produces<Row>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        }
    }

    private static async Task<IResult> ListAsync(StaffActors staff, TongbanDbContext db, CancellationToken ct, bool open = true)
    {
        var actor = await staff.CurrentAsync(ct);
        var items = db.RectificationItems.AsNoTracking();
        if (actor.Posts.All(p => p.Role != PostRole.BureauSupervisor))
        {
            var mine = actor.Posts.Select(p => p.JurisdictionId).Distinct().ToList();
            var headed = await db.Posts.Where(p => p.UnitHeadId == actor.Id).Select(p => p.JurisdictionId).ToListAsync(ct);
            mine.AddRange(headed);
            items = items.Where(r => mine.Contains(r.JurisdictionId));
        }

        if (open) items = items.Where(r => r.RevisitedAt == null);
        return TypedResults.Ok((await items.OrderBy(r => r.OpenedAt).ToListAsync(ct)).Select(ToRow).ToList());
    }

    private static async Task<IResult> StepAsync(Guid id, string step, StepRequest body, StaffActors staff, TongbanDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var item = await db.RectificationItems.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (item is null) return TypedResults.Problem("整改事项不存在。", statusCode: StatusCodes.Status404NotFound, title: "未找到");
        var actor = await staff.CurrentAsync(ct);
        var isHead = await db.Posts.AnyAsync(p => p.Id == item.PostId && p.UnitHeadId == actor.Id, ct);
        if (!isHead && actor.Posts.All(p => p.PostId != item.PostId || p.OnlyEscalated)) return CaseProblems.Forbidden("整改事项由被评价单位的岗位人员或单位负责人办理。");

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body.Note) || body.Note.Length > 500) errors["note"] = ["请填写情况说明（不超过500字）。"];
        if (step == "revisit" && body.Satisfied is null) errors["satisfied"] = ["请填写回访结果：满意（true）或不满意（false）。"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "输入有误");

        var now = clock.GetUtcNow();
        string? refusal = step switch
        {
            "contact" when item.ContactedAt is not null => "已记录联系情况。",
            "rectify" when item.ContactedAt is null => "请先记录联系申请人的情况。",
            "rectify" when item.RectifiedAt is not null => "已记录整改情况。",
            "revisit" when item.RectifiedAt is null => "请先记录整改情况再回访。",
            "revisit" when item.RevisitedAt is not null => "已记录回访结果。",
            _ => null,
        };
        if (refusal is not null) return TypedResults.Problem(CaseProblems.Conflict(refusal));

        switch (step)
        {
            case "contact": (item.ContactedAt, item.ContactNote) = (now, body.Note); break;
            case "rectify": (item.RectifiedAt, item.RectificationNote) = (now, body.Note); break;
            default: (item.RevisitedAt, item.RevisitSatisfied, item.RevisitNote) = (now, body.Satisfied, body.Note); break;
        }

        item.Version++;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToRow(item));
    }

    private static Row ToRow(RectificationItem r) => new(r.Id, r.CaseId, r.CaseNumber, r.Level, r.JurisdictionId, r.PostId, r.OpenedAt, r.ContactDueAt, r.RectifyDueAt,
        r.ContactedAt, r.ContactNote, r.RectifiedAt, r.RectificationNote, r.RevisitedAt, r.RevisitSatisfied, r.RevisitNote);
}
