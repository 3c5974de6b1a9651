using Microsoft.EntityFrameworkCore;
using Tongban.Contracts;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Clocks;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Routes;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Messaging;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Runtime.Cases;

/// <summary>
/// Parallel handling (并联办理) and the nodes the engine leaves by itself. After every step the case's state is
/// looked at: a fork opens its assisting branches' tasks and goes on along the lead, a decision takes the edge of
/// the case's fact, a join goes on once its fork has no open task (<see cref="TransitionDecider.AutomaticStep"/>).
/// Each of these is a journalled transition of its own, in the same unit of work as the step that led there.
/// Branch tasks are handed over the bus like the case (outbox, inbox) and done at their participant's post.
/// </summary>
public sealed partial class CaseWorkflow
{
    /// <summary>More automatic steps in a row than any route has nodes means the route loops by itself: a defect.</summary>
    private const int MaxAutomaticSteps = 50;

    /// <summary>Takes the automatic steps the case's state calls for, until it waits for a person, a task or a timer.</summary>
    private async Task AdvanceAsync(Case @case, LoadedItemVersion item, CancellationToken ct)
    {
        if (item.Definition.States.All(s => s.Automatic is null)) return;
        for (var i = 0; i < MaxAutomaticSteps; i++)
        {
            // Only a join asks whether its fork still has open tasks: any other state is decided without reading them.
            var open = TransitionDecider.WaitsOnTasks(item.Definition, @case.State) ? await ForksWithOpenTasksAsync(@case.Id, ct) : [];
            if (TransitionDecider.AutomaticStep(item.Definition, @case.State, open) is not { } action) return;

            var posts = await PostsOfAsync(@case, ct);
            var facts = @case.Facts(posts);
            var actor = EngineActor(item.Definition, facts);
            var outcome = TransitionDecider.Decide(facts, item.Definition, item.Spec, await ClockSettingsAsync(ct), action, actor, ActionInput.None.Instance, clock.GetUtcNow());
            if (outcome is not StepOutcome.Decided { Effects: var effects })
            {
                throw new InvalidOperationException($"Case {@case.Id} cannot take its route's automatic step {action} at {@case.State}: {outcome}");
            }

            await PersistAsync(@case, effects, actor, messageId: null, ct);
        }

        throw new InvalidOperationException($"Case {@case.Id}: more than {MaxAutomaticSteps} automatic steps in a row; the route loops.");
    }

    /// <summary>The engine acts at the post of the participant the automatic node belongs to.</summary>
    private static Actor EngineActor(WorkflowDefinition definition, CaseFacts facts)
    {
        var role = definition.State(facts.State).HeldBy;
        var post = facts.Posts.FirstOrDefault(p => p.Role == role && p.JurisdictionId == facts.Location.JurisdictionFor(p.Role))
            ?? facts.Posts.First(p => p.JurisdictionId == facts.Location.JurisdictionFor(p.Role));
        return Actor.Node("route", new PostAssignment(post.Id, post.JurisdictionId, post.Role));
    }

    /// <summary>Forks of the case with a task not yet done: tasks staged in this unit of work count too.</summary>
    private async Task<HashSet<string>> ForksWithOpenTasksAsync(Guid caseId, CancellationToken ct)
    {
        await db.CaseTasks.Where(t => t.CaseId == caseId).LoadAsync(ct);
        return [.. OpenTasksOf(caseId).Select(t => t.Fork)];
    }

    /// <summary>A fork opens its branches' first tasks: each goes over the bus to its participant's queue.</summary>
    private void OpenTasks(Case @case, IEnumerable<BranchTaskDefinition> tasks, string fromJurisdictionId, CaseAction action, Guid entryId, DateTimeOffset now)
    {
        foreach (var task in tasks) OpenTask(@case, task, fromJurisdictionId, action, entryId, now);
    }

    private void OpenTask(Case @case, BranchTaskDefinition task, string fromJurisdictionId, CaseAction action, Guid entryId, DateTimeOffset now)
    {
        var jurisdiction = JurisdictionOf(@case, task.Participant);
        var row = new CaseTask
        {
            Id = Guid.CreateVersion7(now), CaseId = @case.Id, Fork = task.Fork, Node = task.Node, Participant = task.Participant, Role = task.Role,
            JurisdictionId = jurisdiction, Status = BranchTaskStatus.InTransit, OpenedAt = now, StageLimitDays = task.StageLimitDays,
        };
        db.CaseTasks.Add(row);
        db.Send(QueueNames.For(task.Role.ToString(), jurisdiction), new HandOffCase(
            @case.Id, entryId, @case.Number, action.ToString(), fromJurisdictionId, jurisdiction, task.Role.ToString(), now) { TaskId = row.Id }, now);
    }

    /// <summary>Where a participant's work goes for this case: a county department's own jurisdiction, or one of the case's two.</summary>
    private static string JurisdictionOf(Case @case, string participant) =>
        Participants.DepartmentOf(participant) is { } code ? Participants.DepartmentJurisdiction(code) : @case.Location.JurisdictionFor(Participants.RoleOf(participant)!.Value);

    /// <summary>
    /// A branch task's hand-off arrived: the participant's post holds it now, and its own stage clock starts. The
    /// case gets a journal entry and a new version, like a Receive.
    /// </summary>
    public async Task<WorkflowResult> ReceiveTaskAsync(Guid caseId, Guid taskId, Actor node, Guid messageId, CancellationToken ct)
    {
        var @case = await db.Cases.SingleOrDefaultAsync(c => c.Id == caseId, ct);
        var task = await db.CaseTasks.SingleOrDefaultAsync(t => t.Id == taskId && t.CaseId == caseId, ct);
        if (@case is null || task is null) return new WorkflowResult.NotFound();
        var now = clock.GetUtcNow();
        if (task.Status != BranchTaskStatus.InTransit) return new WorkflowResult.Refused(RefusalKind.IllegalTransition, "任务不在移交途中。");

        var item = await items.GetAsync(db, @case.ItemVersionId, ct);
        var definition = item.Definition.BranchTask(task.Node);
        var post = node.Posts.Single();
        var clocks = await ClockSettingsAsync(ct);
        // A branch task runs the 出具意见 stage: the item's limit for it, else the node's, else the default.
        var days = Stages.LimitFor(Stages.Opinion, item.Spec, task.StageLimitDays) ?? 3;
        var plan = ClockPlan.Plan(clocks.Calendar, now, days, clocks.Thresholds);
        (task.Status, task.PostId, task.ReceivedAt, task.DueAt, task.YellowAt) = (BranchTaskStatus.Open, post.PostId, now, plan.DueAt, plan.YellowAt);
        TimerSchedule.ScheduleTask(db, @case.Id, plan.YellowAt, plan.DueAt, now);

        @case.TouchForTask(now);
        var entry = Journal(@case, CaseAction.Receive, node, post, new BranchTaskDetail(task.Id, task.Node), messageId, now);
        Auditing.AuditTrail.Append(db, Auditing.AuditEntry.ForCase(now, node.Id, "case.ReceiveTask", @case.Id, detail: $"task {task.Node} at {post.PostId}"));
        db.Notifications.Add(new Clocks.Notification
        {
            Id = Guid.CreateVersion7(now), CaseId = @case.Id, RecipientPostId = post.PostId, Kind = "branch-task",
            Text = $"案件 {@case.Number} 请「{definition.Label}」，{clocks.Calendar.ToLocalDate(plan.DueAt):yyyy-MM-dd} 前办理。", CreatedAt = now,
        });
        return new WorkflowResult.Done(@case, entry);
    }

    /// <summary>A step on a branch task (出具意见 …): decided by <see cref="BranchTasks"/>; the join may fire in the same unit of work.</summary>
    public async Task<WorkflowResult> CompleteTaskAsync(Guid caseId, Guid taskId, CaseAction action, Actor actor, ActionInput input, int? expectedVersion, CancellationToken ct)
    {
        var @case = await db.Cases.SingleOrDefaultAsync(c => c.Id == caseId, ct);
        var task = await db.CaseTasks.SingleOrDefaultAsync(t => t.Id == taskId && t.CaseId == caseId, ct);
        if (@case is null || task is null) return new WorkflowResult.NotFound();
        if (expectedVersion is { } expected && expected != @case.Version) return new WorkflowResult.Stale(expected, @case.Version);

        var item = await items.GetAsync(db, @case.ItemVersionId, ct);
        var now = clock.GetUtcNow();
        var outcome = BranchTasks.Decide(@case.Facts(), item.Definition, item.Spec, task.Facts(), action, actor, input, now);
        switch (outcome)
        {
            case BranchStepOutcome.Refused r: return new WorkflowResult.Refused(r.Kind, r.Reason);
            case BranchStepOutcome.Invalid i: return new WorkflowResult.Invalid(i.Errors);
        }

        var effects = ((BranchStepOutcome.Decided)outcome).Effects;
        (task.Status, task.CompletedAt, task.CompletedBy, task.Agrees, task.Opinion) = (BranchTaskStatus.Done, now, actor.Id, effects.Detail.Agrees, effects.Detail.Text);
        await EndTaskClocksAsync(task, now, ct);
        @case.TouchForTask(now);
        var entry = Journal(@case, action, actor, effects.AtPost, effects.Detail, messageId: null, now);
        Auditing.AuditTrail.Append(db, Auditing.AuditEntry.ForCase(now, actor.Id, $"case.{action}", @case.Id, detail: effects.AuditDetail));
        foreach (var notice in effects.Notices) Notify(@case, notice, now);
        if (effects.Next is { } next) OpenTask(@case, next, task.JurisdictionId, action, entry.Id, now);

        await AdvanceAsync(@case, item, ct);
        return new WorkflowResult.Done(@case, entry);
    }

    /// <summary>
    /// The case's tasks in transit or open, as this unit of work has them (loaded, and any it opened), read from the
    /// tracker without detecting changes again (<c>DbSet.Local</c> would compare every tracked entity).
    /// </summary>
    private IEnumerable<CaseTask> OpenTasksOf(Guid caseId) =>
        db.ChangeTracker.Detected<CaseTask>().Where(e => e.State != EntityState.Deleted).Select(e => e.Entity)
            .Where(t => t.CaseId == caseId && t.Status is BranchTaskStatus.InTransit or BranchTaskStatus.Open);

    /// <summary>A case that closes (withdrawn, or archived past a branch) takes its open tasks with it.</summary>
    private async Task CancelOpenTasksAsync(Guid caseId, DateTimeOffset now, CancellationToken ct)
    {
        await db.CaseTasks.Where(t => t.CaseId == caseId).LoadAsync(ct);
        foreach (var task in OpenTasksOf(caseId).ToList())
        {
            (task.Status, task.CompletedAt) = (BranchTaskStatus.Cancelled, now);
            await EndTaskClocksAsync(task, now, ct);
        }
    }

    /// <summary>A task done or cancelled: its reminder and supervision timers go, and its open supervision item (督办) closes.</summary>
    private async Task EndTaskClocksAsync(CaseTask task, DateTimeOffset now, CancellationToken ct)
    {
        await TimerSchedule.CancelTaskAsync(db, task.CaseId, task.YellowAt, task.DueAt, ct);
        foreach (var item in await db.SupervisionItems.Where(s => s.CaseId == task.CaseId && s.Scope == Stages.Opinion && s.State == task.Node && s.ClosedAt == null).ToListAsync(ct))
        {
            item.ClosedAt = now;
        }
    }

    private CaseHistoryEntry Journal(Case @case, CaseAction action, Actor actor, PostAssignment post, JournalDetail detail, Guid? messageId, DateTimeOffset now)
    {
        var entry = new CaseHistoryEntry
        {
            Id = Guid.CreateVersion7(now), CaseId = @case.Id, Sequence = @case.Version, Action = action, FromState = @case.State, ToState = @case.State,
            ActorId = actor.Id, ActorName = actor.DisplayName, PostId = post.PostId, ActingForId = post.ActingForId, JurisdictionId = post.JurisdictionId,
            At = now, Detail = JournalDetails.Write(detail), MessageId = messageId,
        };
        db.CaseHistory.Add(entry);
        return entry;
    }
}
