using Microsoft.EntityFrameworkCore;
using Tongban.Gateway.Auth;
using Tongban.Gateway.Problems;
using Tongban.Workflows.Auditing;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.Auditing;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.Cases;

/// <summary>
/// POST /api/cases/{id}/second-correction-approvals: 一次性告知 exception. The unit head of the township post
/// approves, with a reason, one more return for correction on a case already returned once; the next return uses
/// it up. Every approval is counted as a breach in the bureau's statistics.
/// </summary>
public static class SecondCorrectionApprovals
{
    public sealed record Request(string? Reason);

    public sealed record Row(Guid Id, Guid CaseId, string JurisdictionId, string ApprovedBy, string Reason, DateTimeOffset ApprovedAt, DateTimeOffset? UsedAt);

    public static void MapSecondCorrectionApprovals(this RouteGroupBuilder api) =>
        api.MapPost("/cases/{id:guid}/second-correction-approvals", HandleAsync)
            .WithTags("Route actions")
            .WithSummary("再次补正审批: the township unit head allows one more return for correction, with a reason (counted as a breach of 一次性告知).")
            .Produces<Row>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> HandleAsync(Guid id, Request body, StaffActors staff, TongbanDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Reason) || body.Reason.Length > 500)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["请说明再次退回补正的理由（不超过500字）。"] }, title: "输入有误");
        }

        var c = await db.Cases.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return CaseProblems.NotFound();
        var actor = await staff.CurrentAsync(ct);
        var now = clock.GetUtcNow();
        var post = await db.Posts.AsNoTracking().FirstOrDefaultAsync(p => p.JurisdictionId == c.RegistrationTownshipId && p.Role == PostRole.BackOffice, ct);
        if (post?.UnitHeadId != actor.Id)
        {
            AuditTrail.Append(db, AuditEntry.ForCase(now, actor.Id, "case.ApproveSecondCorrection", c.Id, AuditOutcomes.Denied, detail: "not the township unit head"));
            await db.SaveChangesAsync(ct);
            return CaseProblems.Forbidden("再次退回补正须由户籍乡镇后台岗位的单位负责人审批。");
        }

        string? refusal = c.CompletedAt is not null ? "案件已办结，不能再退回补正。"
            : c.CorrectionRounds == 0 ? "本案尚未退回补正，首次退回无需审批。"
            : await db.CorrectionApprovals.AnyAsync(a => a.CaseId == c.Id && a.UsedAt == null, ct) ? "本案已有一次尚未使用的再次补正审批。"
            : null;
        if (refusal is not null) return TypedResults.Problem(CaseProblems.Conflict(refusal));

        var approval = new CorrectionApproval { Id = Guid.CreateVersion7(now), CaseId = c.Id, JurisdictionId = c.RegistrationTownshipId, ApprovedBy = actor.Id, Reason = body.Reason.Trim(), ApprovedAt = now };
        db.CorrectionApprovals.Add(approval);
        db.Notifications.Add(new Notification { Id = Guid.CreateVersion7(now), CaseId = c.Id, RecipientPostId = post.Id, Kind = "second-correction-approved", Text = $"案件 {c.Number} 的再次退回补正已获单位负责人批准：{approval.Reason}", CreatedAt = now });
        AuditTrail.Append(db, AuditEntry.ForCase(now, actor.Id, "case.ApproveSecondCorrection", c.Id, reason: approval.Reason));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/cases/{c.Id}", new Row(approval.Id, c.Id, approval.JurisdictionId, approval.ApprovedBy, approval.Reason, approval.ApprovedAt, null));
    }
}
