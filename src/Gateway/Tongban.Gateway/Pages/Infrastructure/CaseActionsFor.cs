using Tongban.Workflows.Cases;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.Cases;

namespace Tongban.Gateway.Pages.Infrastructure;

/// <summary>
/// Which buttons a person gets on a case: the actions of the case's definition from its state that the engine's
/// own decision (<see cref="CaseRoute.Decide"/>, pure) would allow this person now. Rules live in the engine.
/// </summary>
public static class CaseActionsFor
{
    public static IReadOnlyList<CaseAction> Allowed(WorkflowDefinition definition, Case @case, Actor actor) =>
        Allowed(definition, @case.State, @case.Location, actor);

    public static IReadOnlyList<CaseAction> Allowed(WorkflowDefinition definition, string state, CaseLocation location, Actor actor) =>
    [
        .. definition.From(state)
            .Where(t => t.By is not null)
            .Select(t => t.Action)
            .Distinct()
            .Where(a => CaseRoute.Decide(definition, state, location, a, actor) is TransitionDecision.Allowed),
    ];

    /// <summary>Actions that carry no input and can be a single button in a list.</summary>
    public static bool IsOneClick(CaseAction action) =>
        action is CaseAction.SignFor or CaseAction.Accept or CaseAction.Handle or CaseAction.Forward or CaseAction.Archive;
}
