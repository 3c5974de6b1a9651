using Tongban.Workflows.Calendars;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Posts;

namespace Tongban.Workflows.Clocks;

/// <summary>The columns of a case a fired timer decides from.</summary>
public sealed record TimerCaseFacts(
    string Number, string State, string? CurrentPostId, string FirstContactStaffId, bool EscalatedToBackup, IReadOnlyList<string> DeferredMaterials, DateTimeOffset? CompletedAt);

/// <summary>The post holding the case when its timer fired: where it is and who holds it on paper (AB 双岗).</summary>
public sealed record TimerPost(string Id, string JurisdictionId, PostHolders Holders);

/// <summary>What an expired period does besides opening the supervision item.</summary>
public sealed record ExpiryEffects(bool MarksOverdue, bool EscalatesToBackup, DateTimeOffset EscalateAt, IReadOnlyList<Notice> Notices)
{
    /// <summary>The audit line of the escalation to B, when there is one.</summary>
    public string? EscalationAuditDetail { get; init; }
}

/// <summary>
/// What a fired timer does, decided from facts: yellow → a reminder (催办) to the holder; expiry → supervision (督办),
/// the overdue record, and on an unsigned hand-off the case goes to B; five working days later still open →
/// escalation (通报); a 容缺受理 promise not kept → the case counts as withdrawn (视为撤回). Pure.
/// </summary>
public static class TimerRules
{
    /// <summary>责任追究 names who actually held the post: B on a case escalated to B, else A, B, the cover or the unit head.</summary>
    public static string HolderNow(TimerCaseFacts c, TimerPost? post, IReadOnlyList<Absence> absences, DateOnly today) =>
        post is null ? c.FirstContactStaffId
        : c.EscalatedToBackup ? post.Holders.BackupId
        : PostHolding.Now(post.Holders, absences, today).StaffId;

    public static Notice Reminder(TimerCaseFacts c, string scope) =>
        new(c.CurrentPostId, null, "reminder", $"催办：案件 {c.Number} 的{DeadlineTimers.ScopeLabel(scope)}即将届满，请及时办理。");

    /// <summary>What an expired period of the case (on <paramref name="definition"/>, the one the case follows) does.</summary>
    public static ExpiryEffects OnExpiry(TimerCaseFacts c, WorkflowDefinition definition, string scope, TimerPost? post, DeadlineCalculator calendar, int escalateAfterWorkingDays, DateTimeOffset now)
    {
        var label = DeadlineTimers.ScopeLabel(scope);
        var overall = scope == DeadlineTimers.Overall;
        var notices = new List<Notice>();
        if (overall) notices.Add(new(null, c.FirstContactStaffId, "first-contact.Overdue", $"您首问的案件 {c.Number} 已超过办理时限，已列入督办。"));

        // AB 双岗: A did not sign for the case within the stage's limit, so it goes to B (who may then act on it even
        // with A present) and both are told. It stays with B until the case moves to another post. Unsigned: the case
        // waits at a state whose step is sign-for (whatever the route calls it).
        var toBackup = scope == Stages.SignFor && post is not null && !c.EscalatedToBackup && StateTraits.Of(definition, c.State)?.Offer(CaseAction.SignFor) == true;
        if (toBackup)
        {
            notices.Add(new(null, post!.Holders.BackupId, "escalated-to-backup", $"案件 {c.Number} 超过签收时限未签收，已转由您（B岗）办理。"));
            notices.Add(new(null, post.Holders.PrimaryId, "escalated-to-backup", $"案件 {c.Number} 您未在签收时限内签收，已转由 B 岗办理。"));
        }

        notices.Add(new(c.CurrentPostId, null, "supervision", $"督办：案件 {c.Number} 的{label}已届满未办结，已列入行政审批局督办。"));
        if (post is not null) notices.Add(new(null, post.Holders.UnitHeadId, "supervision", $"督办：本单位案件 {c.Number} 的{label}已超期。"));
        return new ExpiryEffects(overall, toBackup, calendar.AddWorkingDays(now, escalateAfterWorkingDays).DueAt, notices)
        {
            EscalationAuditDetail = toBackup ? $"{c.State} at {post!.Id} to {post.Holders.BackupId}" : null,
        };
    }

    /// <summary>通报: supervision did not get the case decided within five more working days; the unit head is told.</summary>
    public static Notice Escalation(TimerCaseFacts c, string unitHeadId) =>
        new(null, unitHeadId, "escalation", $"通报：案件 {c.Number} 督办后五个工作日仍未办结。");

    /// <summary>
    /// 容缺受理: the promised materials are not all in by the deadline, so the case counts as withdrawn and the window
    /// and the first-contact person are told. Null when nothing is owed any more or the case is already closed.
    /// </summary>
    public static IReadOnlyList<Notice>? OnPromiseDue(TimerCaseFacts c, string windowPostId)
    {
        if (c.DeferredMaterials.Count == 0 || c.CompletedAt is not null) return null;
        var missing = string.Join("、", c.DeferredMaterials);
        return
        [
            new(windowPostId, null, "withdrawn", $"案件 {c.Number} 容缺材料（{missing}）未在承诺期限内补齐，视为撤回，请告知申请人。"),
            new(null, c.FirstContactStaffId, "withdrawn", $"您首问的案件 {c.Number} 因容缺材料逾期未补，视为撤回。"),
        ];
    }
}
