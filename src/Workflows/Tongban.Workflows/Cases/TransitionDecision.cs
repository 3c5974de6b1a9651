using Tongban.Workflows.Definitions;

namespace Tongban.Workflows.Cases;

/// <summary>The answer to "may this action happen now, and by whom?".</summary>
public abstract record TransitionDecision
{
    private TransitionDecision() { }

    /// <summary>Allowed: the transition to take and the post it is taken at.</summary>
    public sealed record Allowed(TransitionDefinition Transition, PostAssignment AtPost) : TransitionDecision;

    /// <summary>Refused, with a reason a clerk can read.</summary>
    public sealed record Refused(RefusalKind Kind, string Reason) : TransitionDecision;
}

public enum RefusalKind
{
    /// <summary>The actor holds no post that this case or this step belongs to (HTTP 403).</summary>
    NotYourPost,

    /// <summary>The action does not fit the case's current state (HTTP 409).</summary>
    IllegalTransition,
}
