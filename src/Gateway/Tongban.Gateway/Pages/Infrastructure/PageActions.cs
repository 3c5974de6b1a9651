using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Cases;

namespace Tongban.Gateway.Pages.Infrastructure;

/// <summary>
/// The pages' way to move a case: the same <see cref="CaseWorkflow"/> and rules the API uses, committed with one
/// SaveChanges, and the engine's answer turned into something a page can show next to the form.
/// </summary>
public sealed class PageActions(CurrentStaff me, UseCases.Cases.ApplyRouteAction routeAction)
{
    public abstract record Outcome
    {
        private Outcome() { }

        public sealed record Done(Case Case) : Outcome;

        /// <summary>Input errors keyed by the engine's field names (e.g. <c>missing[0].problem</c>).</summary>
        public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : Outcome;

        /// <summary>Not this person's post or jurisdiction (HTTP 403 in the API).</summary>
        public sealed record Forbidden(string Reason) : Outcome;

        /// <summary>Does not fit the case's state (HTTP 409 in the API), with the engine's reason.</summary>
        public sealed record Conflict(string Reason) : Outcome;

        /// <summary>Somebody else changed the case since the page was rendered.</summary>
        public sealed record Stale(string Reason) : Outcome;

        public sealed record NotFound : Outcome;
    }

    public const string StaleMessage = "案件已被他人更新，本次操作未生效。请查看下方的最新状态后再操作。";

    /// <summary>A one-click route action from a list (no input); refusals are audited by the use case.</summary>
    public async Task<Outcome> ApplyAsync(Guid caseId, CaseAction action, ActionInput input, int? expectedVersion, CancellationToken ct) =>
        await routeAction.HandleAsync(new(caseId, action, expectedVersion), me.Actor, ct) switch
        {
            UseCases.Outcome<Case>.Ok ok => new Outcome.Done(ok.Value),
            UseCases.Outcome<Case>.Invalid i => new Outcome.Invalid(i.Errors),
            UseCases.Outcome<Case>.Forbidden f => new Outcome.Forbidden(f.Reason),
            UseCases.Outcome<Case>.Conflict c => new Outcome.Conflict(c.Reason),
            _ => new Outcome.NotFound(),
        };
}
