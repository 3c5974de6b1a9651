using Tongban.Workflows.Definitions;

namespace Tongban.Workflows.Cases;

/// <summary>
/// Decides whether an action may happen on a case. Pure: it reads the definition the case is pinned to,
/// the current state, where the case lives and who asks; it changes nothing.
/// </summary>
public static class CaseRoute
{
    public static TransitionDecision Decide(WorkflowDefinition definition, string state, CaseLocation location, CaseAction action, Actor actor, string? when = null)
    {
        var relatedPosts = actor.Posts.Where(p => p.JurisdictionId == location.JurisdictionFor(p.Role)).ToList();
        if (relatedPosts.Count == 0)
        {
            return Refuse(RefusalKind.NotYourPost, "该案件不属于您所在岗位的辖区。");
        }

        var transition = definition.Find(action, state, when);
        if (transition is null)
        {
            var allowed = definition.From(state).Where(t => t.By is not null).Select(t => ActionLabels.Of(t.Action)).Distinct().ToList();
            var stateLabel = state == CaseStates.None ? "未接件" : definition.State(state).Label;
            var hint = allowed.Count == 0 ? "当前没有可执行的操作" : $"当前可执行：{string.Join("、", allowed)}";
            return Refuse(RefusalKind.IllegalTransition, $"案件当前状态为「{stateLabel}」，不能执行「{ActionLabels.Of(action)}」（{hint}）。");
        }

        if (transition.By is null != actor.IsSystem)
        {
            return actor.IsSystem ? Refuse(RefusalKind.IllegalTransition, $"「{ActionLabels.Of(action)}」须由岗位人员办理。")
                : action == CaseAction.Receive ? Refuse(RefusalKind.IllegalTransition, "案件正在移交途中，接收方签收前不能操作。")
                : Refuse(RefusalKind.IllegalTransition, $"「{ActionLabels.Of(action)}」由系统按时限自动执行。");
        }

        // A receiving node acts for the post the case is handed to; a timer acts at the post it was given.
        // The engine leaving a fork, join, decision or timer acts at the post of the participant the node belongs to.
        var requiredRole = transition.By ?? definition.State(transition.To).HeldBy ?? (definition.State(state) is { Automatic: not null } node ? node.HeldBy : null);
        var post = requiredRole is null ? relatedPosts.FirstOrDefault() : relatedPosts.FirstOrDefault(p => p.Role == requiredRole);
        return post is null
            ? Refuse(RefusalKind.NotYourPost, $"「{ActionLabels.Of(action)}」由{RoleLabels.Of(requiredRole)}办理，您不在该岗位。")
            : new TransitionDecision.Allowed(transition, post);
    }

    private static TransitionDecision.Refused Refuse(RefusalKind kind, string reason) => new(kind, reason);
}
