using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Posts;
using Tongban.Workflows.Runtime.Evaluations;

namespace Tongban.Workflows.Runtime.Cases;

/// <summary>People rules on transitions that need the database: one complete notice (approvals), bad-review follow-up.</summary>
public sealed partial class CaseWorkflow
{
    /// <summary>一次性告知: a second return needs an unused unit-head approval, which this return then uses up.</summary>
    private async Task<string?> UseCorrectionApprovalAsync(Case c, CancellationToken ct)
    {
        if (c.CorrectionRounds == 0) return null;
        var approval = await db.CorrectionApprovals.Where(a => a.CaseId == c.Id && a.UsedAt == null).OrderBy(a => a.ApprovedAt).FirstOrDefaultAsync(ct);
        if (CorrectionRule.RefusalFor(c.CorrectionRounds, approval is null ? 0 : 1) is { } refusal) return refusal;
        approval!.UsedAt = clock.GetUtcNow();
        return null;
    }

    /// <summary>差评整改 for the unit that decided the case; nothing about the rater or the recording clerk is kept.</summary>
    private async Task OpenRectificationAsync(Case c, int level, DateTimeOffset now, CancellationToken ct)
    {
        var decided = await db.CaseHistory.AsNoTracking().Where(h => h.CaseId == c.Id && h.Action == CaseAction.Decide)
            .OrderByDescending(h => h.Sequence).Select(h => new { h.PostId, h.JurisdictionId }).FirstOrDefaultAsync(ct);
        if (decided is null) return;
        var calendar = await calendars.GetAsync(db, ct);
        var item = new RectificationItem
        {
            Id = Guid.CreateVersion7(now), CaseId = c.Id, CaseNumber = c.Number, Level = level, JurisdictionId = decided.JurisdictionId, PostId = decided.PostId, OpenedAt = now,
            ContactDueAt = calendar.AddWorkingDays(now, limits.Value.RectificationContactWorkingDays).DueAt,
            RectifyDueAt = calendar.AddWorkingDays(now, limits.Value.RectificationWorkingDays).DueAt,
        };
        db.RectificationItems.Add(item);
        var head = await db.Posts.Where(p => p.Id == decided.PostId).Select(p => p.UnitHeadId).FirstOrDefaultAsync(ct);
        var message = $"差评整改：案件 {c.Number} 收到{(level == 5 ? "非常不满意" : "不满意")}评价，请于 1 个工作日内联系申请人、{limits.Value.RectificationWorkingDays} 个工作日内完成整改并回访。";
        Notify(c, new Notice(decided.PostId, null, "rectification", message), now);
        if (head is not null) Notify(c, new Notice(null, head, "rectification", message), now);
    }
}
