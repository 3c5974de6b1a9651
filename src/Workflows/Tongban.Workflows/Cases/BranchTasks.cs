using Tongban.Workflows.Catalog;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Posts;

namespace Tongban.Workflows.Cases;

/// <summary>Where a branch task is: on its way to the participant's queue, open at its post, done, or cancelled with the case.</summary>
public enum BranchTaskStatus
{
    InTransit,
    Open,
    Done,
    Cancelled,
}

/// <summary>A branch task as the decider sees it.</summary>
public sealed record BranchTaskFacts(Guid Id, string Node, string Fork, string JurisdictionId, string? PostId, BranchTaskStatus Status);

/// <summary>What one step on a branch task does: the task is done, and the branch goes on to <see cref="Next"/> or back to its join.</summary>
public sealed record BranchTaskEffects
{
    public required Guid TaskId { get; init; }
    public required CaseAction Action { get; init; }
    public required PostAssignment AtPost { get; init; }

    /// <summary>The branch's next task, opened by this step; null when the branch is back at its join.</summary>
    public BranchTaskDefinition? Next { get; init; }

    /// <summary>The next task is another participant's: it goes over the bus to that participant's queue.</summary>
    public bool NextIsHandOff { get; init; }

    public required BranchTaskDetail Detail { get; init; }
    public required string AuditDetail { get; init; }
    public IReadOnlyList<Notice> Notices { get; init; } = [];
    public required DateTimeOffset At { get; init; }
}

/// <summary>What deciding a branch task's step came to.</summary>
public abstract record BranchStepOutcome
{
    private BranchStepOutcome() { }

    public sealed record Decided(BranchTaskEffects Effects) : BranchStepOutcome;

    public sealed record Refused(RefusalKind Kind, string Reason) : BranchStepOutcome;

    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : BranchStepOutcome;
}

/// <summary>
/// Decides a step on a task of an assisting branch (并联办理): may this person take it, is the input valid, and
/// where does the branch go next. The case's own state does not move; the runtime bumps its version so that two
/// branches finishing at once cannot both fire the join. Pure.
/// </summary>
public static class BranchTasks
{
    public static BranchStepOutcome Decide(
        CaseFacts facts, WorkflowDefinition definition, ServiceItemSpec item, BranchTaskFacts task, CaseAction action, Actor actor, ActionInput input, DateTimeOffset now)
    {
        var node = definition.BranchTask(task.Node);
        // B acts while A is present only where the task went to B; tasks are not escalated, so A acts, or B for an absent A.
        var post = PostHolding.ForCase(actor, null).Posts.FirstOrDefault(p => p.PostId == task.PostId && p.JurisdictionId == task.JurisdictionId);
        if (post is null) return new BranchStepOutcome.Refused(RefusalKind.NotYourPost, $"「{node.Label}」由{RoleLabels.Of(node.Role)}办理，您不在该岗位。");
        if (definition.State(facts.State).IsFinal)
        {
            return new BranchStepOutcome.Refused(RefusalKind.IllegalTransition, "案件已办结或已撤回，协办任务不再办理。");
        }

        if (task.Status != BranchTaskStatus.Open)
        {
            return new BranchStepOutcome.Refused(RefusalKind.IllegalTransition, task.Status == BranchTaskStatus.InTransit ? "任务正在移交途中，送达后才能办理。" : "该任务已办理完毕。");
        }

        var step = node.Steps.FirstOrDefault(s => s.Action == action);
        if (step is null)
        {
            return new BranchStepOutcome.Refused(RefusalKind.IllegalTransition, $"「{node.Label}」不能执行「{ActionLabels.Of(action)}」（当前可执行：{string.Join("、", node.Steps.Select(s => ActionLabels.Of(s.Action)))}）。");
        }

        var errors = input.Validate(item);
        if (errors.Count > 0) return new BranchStepOutcome.Invalid(errors);

        var next = step.ToJoin ? null : definition.BranchTask(step.To);
        var opinion = input as OpinionInput;
        var notices = new List<Notice>();
        if (next is null && facts.CurrentPostId is { } lead)
        {
            notices.Add(new(lead, null, "branch-done", $"案件 {facts.Number} 的「{node.Label}」已办理完毕{(opinion is null ? "" : opinion.Agrees ? "（同意）" : "（不同意）")}。"));
        }

        return new BranchStepOutcome.Decided(new BranchTaskEffects
        {
            TaskId = task.Id,
            Action = action,
            AtPost = post,
            Next = next,
            NextIsHandOff = next is not null && next.Participant != node.Participant,
            Detail = new BranchTaskDetail(task.Id, task.Node, opinion?.Agrees, opinion?.Text),
            AuditDetail = $"task {task.Node} -> {(next?.Node ?? step.To)} at {post.PostId}{(post.AsBackup ? " as B" : "")}",
            Notices = notices,
            At = now,
        });
    }
}
