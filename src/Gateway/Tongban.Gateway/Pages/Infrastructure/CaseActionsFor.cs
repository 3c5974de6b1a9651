using Tongban.Workflows.Cases;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Posts;
using Tongban.Workflows.Runtime.Cases;

namespace Tongban.Gateway.Pages.Infrastructure;

/// <summary>
/// Which buttons a person gets on a case: the actions of the case's definition from its state that the engine's
/// own decision (<see cref="CaseRoute.Decide"/>, pure) would allow this person now. Rules live in the engine.
/// </summary>
public static class CaseActionsFor
{
    public static IReadOnlyList<CaseAction> Allowed(WorkflowDefinition definition, CaseListing @case, Actor actor)
    {
        // As the engine does: B acts while A is present only on cases that went to B for A's silence (AB 双岗).
        var holding = PostHolding.ForCase(actor, @case.EscalatedToBackup ? @case.CurrentPostId : null);
        return
        [
            .. definition.From(@case.State)
                .Where(t => t.By is not null)
                .Select(t => t.Action)
                .Distinct()
                .Where(a => CaseRoute.Decide(definition, @case.State, @case.Location, a, holding) is TransitionDecision.Allowed),
        ];
    }

    /// <summary>Actions that carry no input and can be a single button in a list.</summary>
    public static bool IsOneClick(CaseAction action) =>
        action is CaseAction.SignFor or CaseAction.Accept or CaseAction.Handle or CaseAction.Forward or CaseAction.Archive;
}
