using Tongban.Workflows.Calendars;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Clocks;
using StageClocks = Tongban.Workflows.Clocks.Stages;

namespace Tongban.UseCases.Cases;

/// <summary>
/// A case's history read once for both doors (<c>GET /api/cases/{id}/timeline</c> and the case page): the journal's
/// entries in words — what, from and to which state, who, at which post and jurisdiction, for whom (AB), when and
/// what it carried — and the stages (专员审核, 签收, 受理, 办理) with when each began, when it was due, how long it
/// took and whether it was late.
/// </summary>
/// <remarks>
/// A stage's due is planned on the current working-day calendar, as the engine re-plans a provisional deadline
/// once the year's holiday schedule is loaded, plus the working days of extensions approved while the case was in
/// that stage. A stage that comes round again (签收 after each 补正) is a stage of its own.
/// </remarks>
public sealed record CaseTimeline(
    Guid CaseId,
    string Number,
    int Version,
    IReadOnlyList<CaseTimeline.Stage> Stages,
    IReadOnlyList<CaseTimeline.Entry> Entries,
    IReadOnlyList<CaseTimeline.Extension> Extensions,
    IReadOnlyList<CaseHolders.Holder> Holders)
{
    /// <param name="BeganWith">The sequence of the entry that brought the case into the stage.</param>
    /// <param name="Took">Until the case left the stage, or until now while it is in it.</param>
    public sealed record Stage(
        string Name, string Label, int BeganWith, DateTimeOffset BeganAt, DateTimeOffset? EndedAt, int? LimitWorkingDays, int ExtensionWorkingDays,
        DateTimeOffset? DueAt, bool Provisional, TimeSpan Took, bool Running, bool Late);

    /// <param name="Stayed">How long the case stayed in <paramref name="ToState"/> after this entry.</param>
    /// <param name="IsCurrent">The latest entry of a case that is not closed.</param>
    public sealed record Entry(
        int Sequence, string Action, string ActionLabel, string FromState, string FromLabel, string ToState, string ToLabel,
        string ActorId, string ActorName, bool BySystem, string PostId, string PostName, string JurisdictionId, string JurisdictionName,
        string? ActingForId, string? ActingForName, DateTimeOffset At, TimeSpan Stayed, bool IsCurrent, IReadOnlyList<string> Details);

    /// <summary>延期 asked for on the case: Pending, Approved or Refused.</summary>
    public sealed record Extension(Guid Id, int WorkingDays, string Reason, string Status, DateTimeOffset RequestedAt, DateTimeOffset? DecidedAt);

    /// <summary>The stage entry <paramref name="sequence"/> began, if it began one.</summary>
    public Stage? StageBegunBy(int sequence) => Stages.FirstOrDefault(s => s.BeganWith == sequence);

    public Extension? PendingExtension() => Extensions.FirstOrDefault(e => e.Status == nameof(ExtensionStatus.Pending));

    /// <summary>Pure: everything it needs is passed in, so both doors (and a unit test) get the same answer.</summary>
    /// <param name="history">The case's journal in sequence order.</param>
    public static CaseTimeline Build(
        Case c, LoadedItemVersion item, IReadOnlyList<CaseHistoryEntry> history, IReadOnlyList<ExtensionRequest> extensions,
        OrgNames names, DeadlineCalculator calendar, DateTimeOffset now)
    {
        var definition = item.Definition;
        var entries = history.Select((h, i) =>
        {
            var last = i == history.Count - 1;
            var until = last ? c.ClosedAt ?? now : history[i + 1].At;
            var confidential = h.Action == CaseAction.Evaluate;
            var system = CaseLabels.IsSystemActor(h.ActorId);
            var actingFor = confidential ? null : h.ActingForId;
            return new Entry(
                h.Sequence, h.Action.ToString(), ActionLabels.Of(h.Action), h.FromState, CaseLabels.State(definition, h.FromState), h.ToState, CaseLabels.State(definition, h.ToState),
                confidential ? CaseLabels.ConfidentialActorId : h.ActorId,
                confidential ? CaseLabels.ConfidentialActorName : system ? CaseLabels.SystemActorName : h.ActorName,
                system, h.PostId, names.PostName(h.PostId), h.JurisdictionId, names.JurisdictionName(h.JurisdictionId),
                actingFor, actingFor is null ? null : names.StaffName(actingFor), h.At, until - h.At,
                last && c.ClosedAt is null, JournalDetailText.Describe(h.Action, h.Detail, item.Spec));
        });

        var approved = extensions.Where(e => e.Status == ExtensionStatus.Approved && e.DecidedAt is not null).ToList();
        return new CaseTimeline(
            c.Id, c.Number, c.Version, StagesOf(c, item, history, approved, calendar, now), [.. entries],
            [.. extensions.OrderBy(e => e.RequestedAt).Select(e => new Extension(e.Id, e.WorkingDays, e.Reason, e.Status.ToString(), e.RequestedAt, e.DecidedAt))],
            CaseHolders.Of(history, c.CurrentPostId is null && c.ClosedAt is not null));
    }

    private static List<Stage> StagesOf(
        Case c, LoadedItemVersion item, IReadOnlyList<CaseHistoryEntry> history, List<ExtensionRequest> approved, DeadlineCalculator calendar, DateTimeOffset now)
    {
        // The stage clock each state runs, from what the state is in the case's definition (not from its name).
        string? StageAt(string state) => item.Definition.States.FirstOrDefault(s => s.Name == state) is { } known ? StageClocks.Of(item.Definition, known) : null;
        var stages = new List<Stage>();
        for (var i = 0; i < history.Count; i++)
        {
            var stage = StageAt(history[i].ToState);
            if (stage is null || (i > 0 && StageAt(history[i - 1].ToState) == stage)) continue;

            var began = history[i].At;
            var left = history.Skip(i + 1).FirstOrDefault(h => StageAt(h.ToState) != stage);
            var running = left is null && c.CompletedAt is null;
            var endedAt = left?.At ?? (running ? null : c.CompletedAt ?? c.ClosedAt);
            var extensionDays = approved.Where(e => e.DecidedAt >= began && (left is null || e.DecidedAt < left.At)).Sum(e => e.WorkingDays);
            var limit = StageClocks.LimitFor(stage, item.Spec);
            var due = limit is { } days ? calendar.AddWorkingDays(began, days + extensionDays) : null;
            var stoppedAt = endedAt ?? now;
            stages.Add(new Stage(
                stage, StageClocks.Label(stage), history[i].Sequence, began, endedAt, limit, extensionDays,
                due?.DueAt, due?.IsProvisional == true, stoppedAt - began, running, due is not null && stoppedAt > due.DueAt));
        }

        return stages;
    }
}
