using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Auditing;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.Auditing;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.People;

/// <summary>
/// 再次补正审批 (一次性告知 exception): the unit head of the township's back-office post allows, with a reason, one
/// more return for correction on a case already returned once; the next return uses it up. Every approval counts
/// as a breach in the bureau's statistics. A case has at most one unused approval: approvals at the same moment
/// are serialised on the case row (<see cref="RowLock"/>), so one is created and the others are 409.
/// </summary>
public sealed class ApproveSecondCorrection(TongbanDbContext db, TimeProvider clock)
{
    public const int MaxReasonLength = 500;
    private const string Action = "case.ApproveSecondCorrection";
    private const int AuditReasonLength = 200;
    private const int NotificationTextLength = 500;

    public sealed record Request(Guid CaseId, string? Reason);

    public async Task<Outcome<CorrectionApproval>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var reason = errors.Required("reason", request.Reason, MaxReasonLength, $"请说明再次退回补正的理由（不超过{MaxReasonLength}字）。");
        if (errors.Any) return errors.Outcome<CorrectionApproval>();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await RowLock.CaseAsync(db, request.CaseId, ct);
        var c = await db.Cases.AsNoTracking().SingleOrDefaultAsync(x => x.Id == request.CaseId, ct);
        if (c is null) return Outcome.NotFound<CorrectionApproval>();

        var now = clock.GetUtcNow();
        var post = await db.Posts.AsNoTracking().FirstOrDefaultAsync(p => p.JurisdictionId == c.RegistrationTownshipId && p.Role == PostRole.BackOffice, ct);
        if (post is null || post.UnitHeadId != actor.Id)
        {
            AuditTrail.Append(db, AuditEntry.ForCase(now, actor.Id, Action, c.Id, AuditOutcomes.Denied, detail: "not the township unit head"));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return Outcome.Forbidden<CorrectionApproval>("再次退回补正须由户籍乡镇后台岗位的单位负责人审批。");
        }

        var refusal = c.CompletedAt is not null ? "案件已办结，不能再退回补正。"
            : c.CorrectionRounds == 0 ? "本案尚未退回补正，首次退回无需审批。"
            : await db.CorrectionApprovals.AnyAsync(a => a.CaseId == c.Id && a.UsedAt == null, ct) ? "本案已有一次尚未使用的再次补正审批。"
            : null;
        if (refusal is not null) return Outcome.Conflict<CorrectionApproval>(refusal);

        var approval = new CorrectionApproval { Id = Guid.CreateVersion7(now), CaseId = c.Id, JurisdictionId = c.RegistrationTownshipId, ApprovedBy = actor.Id, Reason = reason!, ApprovedAt = now };
        db.CorrectionApprovals.Add(approval);
        db.Notifications.Add(new Notification
        {
            Id = Guid.CreateVersion7(now), CaseId = c.Id, RecipientPostId = post.Id, Kind = "second-correction-approved",
            Text = Clip($"案件 {c.Number} 的再次退回补正已获单位负责人批准：{approval.Reason}", NotificationTextLength), CreatedAt = now,
        });
        AuditTrail.Append(db, AuditEntry.ForCase(now, actor.Id, Action, c.Id, reason: Clip(approval.Reason, AuditReasonLength)));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return approval;
    }

    private static string Clip(string text, int max) => text.Length > max ? text[..max] : text;
}
