using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Clocks;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Runtime.Clocks;

/// <summary>
/// What a fired timer does, decided by <see cref="TimerRules"/> and persisted here: yellow → a reminder (催办) to the
/// holder; expiry → a supervision item (督办) naming unit, post and person, and the overdue record; on an unsigned
/// hand-off the case goes to B; five working days later, still open → escalation (通报);
/// a 容缺受理 promise not kept → the case counts as withdrawn (视为撤回) and the applicant side is told.
/// Everything is written in the sweeper's transaction; new rows set-wise (<see cref="BulkInsert"/>).
/// </summary>
public sealed class TimerEffects(TongbanDbContext db, CaseWorkflow workflow, CalendarProvider calendars, Catalog.ItemVersionCache items, IOptions<TimeLimitOptions> options)
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
            if (timer.Scope == Stages.Opinion)
            {
                await TaskTimerAsync(timer, c, posts, absences, today, calendar, added, now, ct);
                continue;
            }

            var facts = c.ToFacts();
            var postId = c.CurrentPostId;
            posts.TryGetValue(postId ?? "", out var post);
            var timerPost = post is null ? null : new TimerPost(post.Id, post.JurisdictionId, Organisation.PostRegister.HoldersOf(post));
            var holder = TimerRules.HolderNow(facts, timerPost, absences, today);
            switch (timer.Kind)
            {
                case TimerKind.Yellow:
                    added.Reminders.Add(new Reminder
                    {
                        Id = Guid.CreateVersion7(now), TimerId = timer.Id, CaseId = c.Id, Scope = timer.Scope, PostId = postId ?? "",
                        JurisdictionId = post?.JurisdictionId ?? c.IntakeCommunityId, HolderStaffId = holder, SentAt = now,
                        DueAt = (timer.Scope == TimerSchedule.Overall ? c.OverallDueAt : c.StageDueAt) ?? now,
                    });
                    Notify(added, c, TimerRules.Reminder(facts, timer.Scope), now);
                    break;

                case TimerKind.Red:
                    var definition = (await items.GetAsync(db, c.ItemVersionId, ct)).Definition;
                    var expiry = TimerRules.OnExpiry(facts, definition, timer.Scope, timerPost, calendar, options.Value.EscalateAfterWorkingDays, now);
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
                        DueAt = expiry.EscalateAt,
                    });
                    if (expiry.MarksOverdue) overdue.Add(c.Id);
                    if (expiry.EscalatesToBackup)
                    {
                        escalated.Add(c.Id);
                        Auditing.AuditTrail.Append(db, Auditing.AuditEntry.ForCase(now, "node:timer", "case.EscalateToBackup", c.Id, detail: expiry.EscalationAuditDetail));
                    }

                    foreach (var notice in expiry.Notices) Notify(added, c, notice, now);
                    break;

                case TimerKind.Escalation:
                    var open = await db.SupervisionItems.SingleOrDefaultAsync(s => s.Id == timer.SupervisionItemId && s.ClosedAt == null, ct);
                    if (open is null) break;
                    open.Level = SupervisionLevel.Escalated;
                    open.EscalatedAt = now;
                    if (posts.TryGetValue(open.PostId, out var unit)) Notify(added, c, TimerRules.Escalation(facts, unit.UnitHeadId), now);
                    break;

                case TimerKind.PromiseDue:
                    await WithdrawAsync(c, facts, added, now, ct);
                    break;

                case TimerKind.WaitOver:
                    await ElapseAsync(c, now, ct);
                    break;
            }
        }

        await BulkInsert.InsertAsync(db, added.Reminders, ct);
        await BulkInsert.InsertAsync(db, added.Notifications, ct);
        await BulkInsert.InsertAsync(db, added.SupervisionItems, ct);
        await BulkInsert.InsertAsync(db, added.Timers, ct);

        // Recorded once, when first overdue; later extensions do not erase it.
        if (overdue.Count > 0) await db.Cases.Where(c => overdue.Contains(c.Id) && c.OverdueAt == null).ExecuteUpdateAsync(s => s.SetProperty(c => c.OverdueAt, now), ct);
        if (escalated.Count > 0) await db.Cases.Where(c => escalated.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.EscalatedToBackup, true), ct);
    }

    /// <summary>视为撤回 through the workflow, as the window's node, when the promise was not kept (<see cref="TimerRules.OnPromiseDue"/>).</summary>
    private async Task WithdrawAsync(TimerCase c, TimerCaseFacts facts, Added added, DateTimeOffset now, CancellationToken ct)
    {
        if (facts.DeferredMaterials.Count == 0 || facts.CompletedAt is not null) return;
        var window = await db.Posts.AsNoTracking().FirstAsync(p => p.JurisdictionId == c.IntakeCommunityId && p.Role == PostRole.WindowClerk, ct);
        if (TimerRules.OnPromiseDue(facts, window.Id) is not { } notices) return;
        var timer = Actor.Node("timer", new PostAssignment(window.Id, window.JurisdictionId, PostRole.WindowClerk));
        var result = await workflow.ApplyAsync(c.Id, CaseAction.Withdraw, timer, ActionInput.None.Instance, expectedVersion: null, ct);
        if (result is not WorkflowResult.Done) throw new InvalidOperationException($"Case {c.Id} could not be withdrawn: {result}");
        foreach (var notice in notices) Notify(added, c, notice, now);
    }

    /// <summary>
    /// A branch task's clock (出具意见时限): yellow reminds the task's post (催办); expiry opens a supervision item (督办)
    /// naming the department's post and holder, tells its unit head, and is escalated like any other. The case's
    /// own clocks and overdue record are not touched: the task is late, not the case.
    /// </summary>
    private async Task TaskTimerAsync(CaseTimer timer, TimerCase c, Dictionary<string, Organisation.Post> posts, IReadOnlyList<Tongban.Workflows.Posts.Absence> absences, DateOnly today, Tongban.Workflows.Calendars.DeadlineCalculator calendar, Added added, DateTimeOffset now, CancellationToken ct)
    {
        var task = await db.CaseTasks.AsNoTracking().FirstOrDefaultAsync(t => t.CaseId == c.Id && t.Status == BranchTaskStatus.Open && (timer.Kind == TimerKind.Red ? t.DueAt == timer.DueAt : t.YellowAt == timer.DueAt), ct);
        if (task?.PostId is null || !posts.TryGetValue(task.PostId, out var post)) return;
        var holder = Tongban.Workflows.Posts.PostHolding.Now(Organisation.PostRegister.HoldersOf(post), absences, today).StaffId;
        if (timer.Kind == TimerKind.Yellow)
        {
            added.Reminders.Add(new Reminder { Id = Guid.CreateVersion7(now), TimerId = timer.Id, CaseId = c.Id, Scope = timer.Scope, PostId = post.Id, JurisdictionId = post.JurisdictionId, HolderStaffId = holder, SentAt = now, DueAt = task.DueAt ?? now });
            Notify(added, c, new Notice(post.Id, null, "reminder", $"催办：案件 {c.Number} 的出具意见时限即将届满，请及时办理。"), now);
            return;
        }

        if (timer.Kind != TimerKind.Red) return;
        var item = new SupervisionItem
        {
            Id = Guid.CreateVersion7(now), TimerId = timer.Id, CaseId = c.Id, CaseNumber = c.Number, ItemCode = c.ItemCode, Scope = timer.Scope, State = task.Node,
            JurisdictionId = post.JurisdictionId, PostId = post.Id, HolderStaffId = holder, HeldSince = task.ReceivedAt ?? task.OpenedAt, DueAt = timer.DueAt, OpenedAt = now,
            Level = SupervisionLevel.Supervision,
        };
        added.SupervisionItems.Add(item);
        added.Timers.Add(new CaseTimer { Id = Guid.CreateVersion7(now), CaseId = c.Id, Kind = TimerKind.Escalation, Scope = timer.Scope, SupervisionItemId = item.Id, CreatedAt = now, DueAt = calendar.AddWorkingDays(now, options.Value.EscalateAfterWorkingDays).DueAt });
        Notify(added, c, new Notice(post.Id, null, "supervision", $"督办：案件 {c.Number} 的出具意见时限已届满，已列入行政审批局督办。"), now);
        Notify(added, c, new Notice(null, post.UnitHeadId, "supervision", $"督办：本单位协办的案件 {c.Number} 出具意见已超期。"), now);
    }

    /// <summary>A timer node's wait (公示) is over: the case goes on through the workflow, as the node's post.</summary>
    private async Task ElapseAsync(TimerCase c, DateTimeOffset now, CancellationToken ct)
    {
        var state = await db.Cases.Where(x => x.Id == c.Id).Select(x => new { x.WaitUntil, x.CurrentPostId }).SingleAsync(ct);
        if (state.WaitUntil is not { } until || until > now) return;
        var post = await db.Posts.AsNoTracking().FirstAsync(p => p.Id == state.CurrentPostId, ct);
        var timer = Actor.Node("timer", new PostAssignment(post.Id, post.JurisdictionId, post.Role));
        var result = await workflow.ApplyAsync(c.Id, CaseAction.Elapse, timer, ActionInput.None.Instance, expectedVersion: null, ct);
        if (result is not WorkflowResult.Done) throw new InvalidOperationException($"Case {c.Id} could not leave its timer node: {result}");
    }

    private static void Notify(Added added, TimerCase c, Notice notice, DateTimeOffset now)
    {
        if (notice.PostId is null && notice.StaffId is null) return;
        added.Notifications.Add(new Notification { Id = Guid.CreateVersion7(now), CaseId = c.Id, RecipientPostId = notice.PostId, RecipientStaffId = notice.StaffId, Kind = notice.Kind, Text = notice.Text, CreatedAt = now });
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
