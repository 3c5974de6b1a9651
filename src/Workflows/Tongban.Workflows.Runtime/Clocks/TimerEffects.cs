using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Clocks;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Runtime.Clocks;

/// <summary>
/// What a fired timer does: yellow → a reminder (催办) to the holder; expiry → a supervision item (督办) naming
/// unit, post and person, and the overdue record; five working days later, still open → escalation (通报);
/// a 容缺受理 promise not kept → the case counts as withdrawn (视为撤回) and the applicant side is told.
/// Everything is written in the sweeper's transaction; new rows set-wise (<see cref="PostgresCopy"/>).
/// </summary>
public sealed class TimerEffects(TongbanDbContext db, CaseWorkflow workflow, CalendarProvider calendars, IOptions<TimeLimitOptions> options)
{
    public async Task ApplyAsync(IReadOnlyList<CaseTimer> timers, DateTimeOffset now, CancellationToken ct)
    {
        // A sweep after an outage fires thousands of timers: read what they need once per batch, only the case
        // columns they use, and write case flags and new rows set-wise below.
        var caseIds = timers.Select(t => t.CaseId).Distinct().ToList();
        var cases = await TimerCase.Of(db.Cases.Where(c => caseIds.Contains(c.Id))).ToDictionaryAsync(c => c.Id, ct);
        var posts = await db.Posts.AsNoTracking().ToDictionaryAsync(p => p.Id, ct);
        var calendar = await calendars.GetAsync(db, ct);
        var today = calendar.ToLocalDate(now);
        var holders = posts.Values.SelectMany(p => new[] { p.PrimaryHolderId, p.BackupHolderId }).Distinct().ToList();
        var absences = await Organisation.PostRegister.AbsencesAsync(db, holders, today, today, ct);
        var overdue = new List<Guid>();
        var escalated = new List<Guid>();
        var added = new Added();

        foreach (var timer in timers)
        {
            var c = cases[timer.CaseId];
            var postId = c.CurrentPostId;
            posts.TryGetValue(postId ?? "", out var post);
            var holder = post is null ? c.FirstContactStaffId : HolderNow(c, post, absences, today);
            var scopeLabel = timer.Scope == TimerSchedule.Overall ? "办理时限" : $"{Stages.Label(timer.Scope)}时限";
            switch (timer.Kind)
            {
                case TimerKind.Yellow:
                    added.Reminders.Add(new Reminder
                    {
                        Id = Guid.CreateVersion7(now), TimerId = timer.Id, CaseId = c.Id, Scope = timer.Scope, PostId = postId ?? "",
                        JurisdictionId = post?.JurisdictionId ?? c.IntakeCommunityId, HolderStaffId = holder, SentAt = now,
                        DueAt = (timer.Scope == TimerSchedule.Overall ? c.OverallDueAt : c.StageDueAt) ?? now,
                    });
                    Notify(added, c, postId, null, "reminder", $"催办：案件 {c.Number} 的{scopeLabel}即将届满，请及时办理。", now);
                    break;

                case TimerKind.Red:
                    var item = new SupervisionItem
                    {
                        Id = Guid.CreateVersion7(now), TimerId = timer.Id, CaseId = c.Id, CaseNumber = c.Number, ItemCode = c.ItemCode,
                        Scope = timer.Scope, State = c.State, JurisdictionId = post?.JurisdictionId ?? c.IntakeCommunityId, PostId = postId ?? "",
                        HolderStaffId = holder, HeldSince = (timer.Scope == TimerSchedule.Overall ? null : c.StageStartedAt) ?? c.UpdatedAt,
                        DueAt = timer.DueAt, OpenedAt = now, Level = SupervisionLevel.Supervision,
                        ExtensionApplied = c.ExtensionDays > 0, ClockWasStopped = c.OverallStartedAt > c.OpenedAt,
                    };
                    added.SupervisionItems.Add(item);
                    added.Timers.Add(new CaseTimer
                    {
                        Id = Guid.CreateVersion7(now), CaseId = c.Id, Kind = TimerKind.Escalation, Scope = timer.Scope, SupervisionItemId = item.Id, CreatedAt = now,
                        DueAt = calendar.AddWorkingDays(now, options.Value.EscalateAfterWorkingDays).DueAt,
                    });
                    if (timer.Scope == TimerSchedule.Overall)
                    {
                        overdue.Add(c.Id);
                        Notify(added, c, null, c.FirstContactStaffId, "first-contact.Overdue", $"您首问的案件 {c.Number} 已超过办理时限，已列入督办。", now);
                    }

                    if (timer.Scope == Stages.SignFor && post is not null && EscalateToBackup(c, post, added, now)) escalated.Add(c.Id);
                    Notify(added, c, postId, null, "supervision", $"督办：案件 {c.Number} 的{scopeLabel}已届满未办结，已列入行政审批局督办。", now);
                    if (post is not null) Notify(added, c, null, post.UnitHeadId, "supervision", $"督办：本单位案件 {c.Number} 的{scopeLabel}已超期。", now);
                    break;

                case TimerKind.Escalation:
                    var open = await db.SupervisionItems.SingleOrDefaultAsync(s => s.Id == timer.SupervisionItemId && s.ClosedAt == null, ct);
                    if (open is null) break;
                    open.Level = SupervisionLevel.Escalated;
                    open.EscalatedAt = now;
                    if (posts.TryGetValue(open.PostId, out var unit)) Notify(added, c, null, unit.UnitHeadId, "escalation", $"通报：案件 {c.Number} 督办后五个工作日仍未办结。", now);
                    break;

                case TimerKind.PromiseDue:
                    if (c.DeferredMaterials.Count == 0 || c.CompletedAt is not null) break;
                    await WithdrawAsync(c, added, now, ct);
                    break;
            }
        }

        await PostgresCopy.InsertAsync(db, added.Reminders, ct);
        await PostgresCopy.InsertAsync(db, added.Notifications, ct);
        await PostgresCopy.InsertAsync(db, added.SupervisionItems, ct);
        await PostgresCopy.InsertAsync(db, added.Timers, ct);

        // Recorded once, when first overdue; later extensions do not erase it.
        if (overdue.Count > 0) await db.Cases.Where(c => overdue.Contains(c.Id) && c.OverdueAt == null).ExecuteUpdateAsync(s => s.SetProperty(c => c.OverdueAt, now), ct);
        if (escalated.Count > 0) await db.Cases.Where(c => escalated.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.EscalatedToBackup, true), ct);
    }

    /// <summary>
    /// AB 双岗: A did not sign for the case within the stage's limit, so it goes to B (who may act on it even with A
    /// present) and both are told. Stays with B until the case moves to another post.
    /// </summary>
    private bool EscalateToBackup(TimerCase c, Organisation.Post post, Added added, DateTimeOffset now)
    {
        if (c.EscalatedToBackup || c.State != CaseStates.AwaitingSignFor) return false;
        Notify(added, c, null, post.BackupHolderId, "escalated-to-backup", $"案件 {c.Number} 超过签收时限未签收，已转由您（B岗）办理。", now);
        Notify(added, c, null, post.PrimaryHolderId, "escalated-to-backup", $"案件 {c.Number} 您未在签收时限内签收，已转由 B 岗办理。", now);
        Auditing.AuditTrail.Append(db, Auditing.AuditEntry.ForCase(now, "node:timer", "case.EscalateToBackup", c.Id, detail: $"{c.State} at {post.Id} to {post.BackupHolderId}"));
        return true;
    }

    /// <summary>责任追究 names who actually held the post: B for an absent A or on a case escalated to B, the cover, …</summary>
    private static string HolderNow(TimerCase c, Organisation.Post post, IReadOnlyList<Tongban.Workflows.Posts.Absence> absences, DateOnly today) =>
        c.EscalatedToBackup ? post.BackupHolderId : Tongban.Workflows.Posts.PostHolding.Now(Organisation.PostRegister.HoldersOf(post), absences, today).StaffId;

    private async Task WithdrawAsync(TimerCase c, Added added, DateTimeOffset now, CancellationToken ct)
    {
        var window = await db.Posts.AsNoTracking().FirstAsync(p => p.JurisdictionId == c.IntakeCommunityId && p.Role == PostRole.WindowClerk, ct);
        var timer = Actor.Node("timer", new PostAssignment(window.Id, window.JurisdictionId, PostRole.WindowClerk));
        var result = await workflow.ApplyAsync(c.Id, CaseAction.Withdraw, timer, ActionInput.None.Instance, expectedVersion: null, ct);
        if (result is not WorkflowResult.Done) throw new InvalidOperationException($"Case {c.Id} could not be withdrawn: {result}");

        var missing = string.Join("、", c.DeferredMaterials);
        Notify(added, c, window.Id, null, "withdrawn", $"案件 {c.Number} 容缺材料（{missing}）未在承诺期限内补齐，视为撤回，请告知申请人。", now);
        Notify(added, c, null, c.FirstContactStaffId, "withdrawn", $"您首问的案件 {c.Number} 因容缺材料逾期未补，视为撤回。", now);
    }

    private static void Notify(Added added, TimerCase c, string? postId, string? staffId, string kind, string text, DateTimeOffset now)
    {
        if (postId is null && staffId is null) return;
        added.Notifications.Add(new Notification { Id = Guid.CreateVersion7(now), CaseId = c.Id, RecipientPostId = postId, RecipientStaffId = staffId, Kind = kind, Text = text, CreatedAt = now });
    }

    /// <summary>The rows a batch inserts, written together at its end.</summary>
    private sealed class Added
    {
        public List<Reminder> Reminders { get; } = [];
        public List<Notification> Notifications { get; } = [];
        public List<SupervisionItem> SupervisionItems { get; } = [];
        public List<CaseTimer> Timers { get; } = [];
    }
}
