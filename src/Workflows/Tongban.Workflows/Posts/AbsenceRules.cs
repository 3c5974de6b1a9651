namespace Tongban.Workflows.Posts;

/// <summary>The answer to "may this absence be registered?".</summary>
public abstract record AbsenceDecision
{
    private AbsenceDecision() { }

    public sealed record Allowed : AbsenceDecision;

    /// <summary>The requester may not register it (HTTP 403).</summary>
    public sealed record NotPermitted(string Reason) : AbsenceDecision;

    /// <summary>It breaks a rule (HTTP 409).</summary>
    public sealed record Refused(string Reason) : AbsenceDecision;
}

/// <summary>
/// AB 双岗: an absence is registered by the holder or the unit head; it may not leave the post's A and B both
/// away unless the unit head names a cover for it.
/// </summary>
public static class AbsenceRules
{
    public static AbsenceDecision Check(PostHolders post, IReadOnlyList<Absence> existing, Absence proposed, string requestedBy)
    {
        var isHead = requestedBy == post.UnitHeadId;
        if (proposed.StaffId != post.PrimaryId && proposed.StaffId != post.BackupId)
        {
            return new AbsenceDecision.Refused("只能为本岗位的 A 岗或 B 岗人员登记缺岗。");
        }

        if (requestedBy != proposed.StaffId && !isHead) return new AbsenceDecision.NotPermitted("缺岗只能由本人或单位负责人登记。");
        if (proposed.CoverStaffId is not null)
        {
            if (!isHead) return new AbsenceDecision.NotPermitted("顶岗人员只能由单位负责人指定。");
            if (proposed.CoverStaffId == post.PrimaryId || proposed.CoverStaffId == post.BackupId) return new AbsenceDecision.Refused("顶岗人员不能是本岗位的 A 岗或 B 岗人员。");
        }

        var other = proposed.StaffId == post.PrimaryId ? post.BackupId : post.PrimaryId;
        var clash = existing.Where(a => a.StaffId == other && a.Overlaps(proposed.From, proposed.To)).OrderBy(a => a.From).ToList();
        if (clash.Count == 0 || proposed.CoverStaffId is not null) return new AbsenceDecision.Allowed();

        // The other holder's absence may already name a cover for the days they overlap.
        var uncovered = clash.Where(a => a.CoverStaffId is null).ToList();
        if (uncovered.Count == 0) return new AbsenceDecision.Allowed();
        var from = Max(uncovered[0].From, proposed.From);
        var to = Min(uncovered[0].To, proposed.To);
        return new AbsenceDecision.Refused($"{from:yyyy-MM-dd} 至 {to:yyyy-MM-dd} 本岗位 A 岗、B 岗将同时缺岗，须由单位负责人指定顶岗人员后登记。");
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
