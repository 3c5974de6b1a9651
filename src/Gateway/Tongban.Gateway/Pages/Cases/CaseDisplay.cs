using Tongban.Gateway.Cases;
using Tongban.Gateway.Pages.Infrastructure;
using Tongban.UseCases.Cases;
using GetCase = Tongban.UseCases.Cases.GetCase;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Cases;

namespace Tongban.Gateway.Pages.Cases;

/// <summary>What the case page shows about a case to this person, read off the read models (no rules of its own).</summary>
/// <param name="CurrentStage">The stage the case is in, from the timeline (its due includes approved extensions).</param>
public sealed record CaseDisplay(
    string StateLabel,
    bool InTransit,
    bool IsFinal,
    IReadOnlyList<CaseAction> Allowed,
    IReadOnlyList<CaseDisplay.MaterialLine> Materials,
    Urgency Urgency,
    int? RemainingWorkingDays,
    bool HoldsCase,
    bool AtIntakeWindow,
    bool MayResumeClock,
    CaseTimeline.Stage? CurrentStage)
{
    public sealed record MaterialLine(string Code, string Name, bool Essential, bool HandedIn, string? Problem);

    public static CaseDisplay Of(GetCase.Found found, CaseView view, Actor actor, DateTimeOffset now)
    {
        var (c, item) = (found.Case, found.Item);
        var state = item.Definition.States.FirstOrDefault(s => s.Name == c.State);
        var problems = c.MissingMaterials.ToDictionary(m => m.Code, m => m.Problem);
        var listing = CaseListing.Of(c);
        return new CaseDisplay(
            view.StateLabel,
            state?.InTransit == true,
            state?.IsFinal == true,
            CaseActionsFor.Allowed(item.Definition, listing, actor),
            [.. item.Spec.Materials.Select(m => new MaterialLine(m.Code, m.Name, m.Essential, c.MaterialsHandedIn.Contains(m.Code), problems.GetValueOrDefault(m.Code)))],
            CaseUrgency.Of(listing, now),
            view.OverallClock.RemainingWorkingDays is { } left && c.CompletedAt is null && c.OverallDueAt is not null ? left : null,
            ClockOperationsFor.HoldsCase(actor, c),
            ClockOperationsFor.AtIntakeWindow(actor, c),
            ClockOperationsFor.StoppedForSpecialProcedure(c),
            found.Timeline?.Stages.LastOrDefault(s => s.Running));
    }
}
