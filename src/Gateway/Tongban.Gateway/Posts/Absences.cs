using Microsoft.EntityFrameworkCore;
using Tongban.Gateway.Auth;
using Tongban.Gateway.Problems;
using Tongban.Workflows.Auditing;
using Tongban.Workflows.Posts;
using Tongban.Workflows.Runtime.Auditing;
using Tongban.Workflows.Runtime.Organisation;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.Posts;

/// <summary>
/// POST/GET /api/posts/{postId}/absences: the absence register (AB 双岗). The holder registers their own leave,
/// the unit head anyone's; leaving A and B both away is 409 unless the unit head names a cover.
/// </summary>
public static class Absences
{
    public sealed record Request(string? StaffId, DateOnly? From, DateOnly? To, string? CoverStaffId);

    public sealed record Row(Guid Id, string PostId, string StaffId, DateOnly From, DateOnly To, string? CoverStaffId, string RegisteredBy, DateTimeOffset RegisteredAt);

    public static void MapAbsences(this RouteGroupBuilder api)
    {
        var posts = api.MapGroup("/posts/{postId}/absences").WithTags("Posts");
        posts.MapPost("/", RegisterAsync)
            .WithSummary("Register a holder's absence (county-local days, both included); both A and B away needs a cover named by the unit head.")
            .Produces<Row>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        posts.MapGet("/", ListAsync)
            .WithSummary("The post's absences that end on or after a date (default: today).")
            .Produces<List<Row>>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> RegisterAsync(string postId, Request body, StaffActors staff, TongbanDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var actor = await staff.CurrentAsync(ct);
        var post = await db.Posts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == postId, ct);
        if (post is null) return NotFound();
        if (!PostAccess.MaySee(actor, post)) return CaseProblems.Forbidden("该岗位不属于您所在的辖区。");

        var errors = new Dictionary<string, string[]>();
        if (body.From is null) errors["from"] = ["请填写缺岗开始日期（yyyy-MM-dd）。"];
        if (body.To is null) errors["to"] = ["请填写缺岗结束日期（yyyy-MM-dd）。"];
        else if (body.From is { } f && body.To < f) errors["to"] = ["结束日期不能早于开始日期。"];
        else if (body.From is { } f2 && body.To.Value.DayNumber - f2.DayNumber > 366) errors["to"] = ["一次登记的缺岗不能超过一年。"];
        var staffId = string.IsNullOrWhiteSpace(body.StaffId) ? actor.Id : body.StaffId.Trim();
        var cover = string.IsNullOrWhiteSpace(body.CoverStaffId) ? null : body.CoverStaffId.Trim();
        if (cover is not null && !await db.Staff.AnyAsync(s => s.Id == cover, ct)) errors["coverStaffId"] = [$"工作人员「{cover}」不存在。"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "输入有误");

        var proposed = new Absence(staffId, body.From!.Value, body.To!.Value, cover);
        var existing = await PostRegister.AbsencesAsync(db, [post.PrimaryHolderId, post.BackupHolderId], proposed.From, proposed.To, ct);
        switch (AbsenceRules.Check(PostRegister.HoldersOf(post), existing, proposed, actor.Id))
        {
            case AbsenceDecision.NotPermitted n: return TypedResults.Problem(n.Reason, statusCode: StatusCodes.Status403Forbidden, title: "无权登记");
            case AbsenceDecision.Refused r: return TypedResults.Problem(CaseProblems.Conflict(r.Reason));
        }

        var now = clock.GetUtcNow();
        var absence = new PostAbsence { Id = Guid.CreateVersion7(now), PostId = post.Id, StaffId = staffId, From = proposed.From, To = proposed.To, CoverStaffId = cover, RegisteredBy = actor.Id, RegisteredAt = now };
        db.PostAbsences.Add(absence);
        AuditTrail.Append(db, new AuditEntry(now, actor.Id, "post.RegisterAbsence", $"post:{post.Id}", AuditOutcomes.Ok, Detail: $"{staffId} {proposed.From:yyyy-MM-dd}..{proposed.To:yyyy-MM-dd}{(cover is null ? "" : $" cover {cover}")}"));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/posts/{post.Id}/absences", ToRow(absence));
    }

    private static async Task<IResult> ListAsync(string postId, DateOnly? from, StaffActors staff, TongbanDbContext db, TimeProvider clock, Microsoft.Extensions.Options.IOptions<Workflows.Runtime.Clocks.TimeLimitOptions> limits, CancellationToken ct)
    {
        var actor = await staff.CurrentAsync(ct);
        var post = await db.Posts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == postId, ct);
        if (post is null) return NotFound();
        if (!PostAccess.MaySee(actor, post)) return CaseProblems.Forbidden("该岗位不属于您所在的辖区。");

        var since = from ?? PostRegister.Today(clock, limits.Value.TimeZone);
        var rows = await db.PostAbsences.AsNoTracking().Where(a => (a.PostId == postId || a.StaffId == post.PrimaryHolderId || a.StaffId == post.BackupHolderId) && a.To >= since).ToListAsync(ct);
        return TypedResults.Ok(rows.OrderBy(a => a.From).Select(ToRow).ToList());
    }

    private static Row ToRow(PostAbsence a) => new(a.Id, a.PostId, a.StaffId, a.From, a.To, a.CoverStaffId, a.RegisteredBy, a.RegisteredAt);

    internal static IResult NotFound() => TypedResults.Problem("岗位不存在。", statusCode: StatusCodes.Status404NotFound, title: "未找到");
}
