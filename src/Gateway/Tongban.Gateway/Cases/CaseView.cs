using Microsoft.EntityFrameworkCore;
using Tongban.UseCases.Cases;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Residents;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.Cases;

/// <summary>
/// A case as staff see it. ID number and phone are masked (first 6 + last 4; 3 + 4): a full view is a
/// separate, audited request.
/// </summary>
public sealed record CaseView(
    Guid Id,
    string Number,
    string ItemCode,
    string ItemName,
    int ItemVersion,
    string DefinitionId,
    string State,
    string StateLabel,
    string Mode,
    string IntakeCommunityId,
    string RegistrationTownshipId,
    string? CurrentPostId,
    CaseView.ApplicantView Applicant,
    IReadOnlyList<string> MaterialsHandedIn,
    IReadOnlyList<MissingMaterial> MissingMaterials,
    int CorrectionRounds,
    bool? Approved,
    string? DecisionText,
    string? DeliveryMethod,
    int? EvaluationLevel,
    string FirstContactStaffId,
    DateTimeOffset OpenedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ClosedAt,
    int Version,
    ClockView OverallClock,
    ClockView? StageClock,
    IReadOnlyList<string> DeferredMaterials,
    DateTimeOffset? PromiseDueAt,
    DateTimeOffset? OverdueAt,
    IReadOnlyList<string> NextActions,
    IReadOnlyList<CaseView.HistoryView>? History)
{
    /// <summary>How the application came in (Window, DoorToDoor, Online).</summary>
    public string Channel { get; init; } = "Window";

    /// <summary>The A holder did not sign for it in time, so the B holder may act on it too.</summary>
    public bool EscalatedToBackup { get; init; }

    /// <summary>授权委托 for 帮办代办, when recorded.</summary>
    public AuthorisationView? Authorisation { get; init; }

    /// <summary>Everyone who held the case, from the journal: who, at which post, since, until (null: holds it now).</summary>
    public IReadOnlyList<HolderView>? Holders { get; init; }

    /// <summary>用章登记: the township approval seal's uses on this case.</summary>
    public IReadOnlyList<SealUseView>? SealUses { get; init; }

    /// <summary>并联办理: the branch tasks of assisting units, each with its post, its own clock and colour, and its opinion.</summary>
    public IReadOnlyList<TaskView> Tasks { get; init; } = [];

    /// <param name="Actions">The step kinds that may be taken on it now (POST /api/cases/{id}/tasks/{taskId}/{stepKind}).</param>
    public sealed record TaskView(
        Guid Id, string Node, string Label, string Participant, string JurisdictionId, string? PostId, string Status,
        DateTimeOffset OpenedAt, DateTimeOffset? ReceivedAt, DateTimeOffset? DueAt, string? Colour, DateTimeOffset? CompletedAt,
        bool? Agrees, string? Opinion, IReadOnlyList<string> Actions);

    public sealed record AuthorisationView(string Agent, string Scope, DateOnly SignedOn, string Channel, string RecordedBy, DateTimeOffset RecordedAt);

    public sealed record HolderView(string StaffId, string StaffName, string PostId, string? ActingFor, DateTimeOffset Since, DateTimeOffset? Until);

    public sealed record SealUseView(string Seal, string Document, string UsedBy, DateTimeOffset UsedAt);

    public sealed record ApplicantView(string Name, string IdNumberMasked, string PhoneMasked);

    /// <summary>One journal entry; <c>ActingFor</c> names the A holder when B or a cover acted with A's authority.</summary>
    public sealed record HistoryView(int Sequence, string Action, string ActionLabel, string FromState, string ToState, string ActorId, string ActorName, string PostId, string JurisdictionId, DateTimeOffset At, string? Detail, string? ActingFor = null);

    public static async Task<CaseView> LoadAsync(TongbanDbContext db, ItemVersionCache items, CalendarProvider calendars, DateTimeOffset now, Case c, bool withHistory, CancellationToken ct)
    {
        var calendar = await calendars.GetAsync(db, ct);
        var item = await items.GetAsync(db, c.ItemVersionId, ct);
        var stateLabel = CaseLabels.State(item.Definition, c.State);
        var next = item.Definition.From(c.State).Where(t => t.By is not null).Select(t => t.Action.ToString()).Distinct().ToList();
        List<HistoryView>? history = null;
        List<HolderView>? holders = null;
        List<SealUseView>? seals = null;
        if (withHistory)
        {
            var rows = await db.CaseHistory.AsNoTracking().Where(h => h.CaseId == c.Id).OrderBy(h => h.Sequence).ToListAsync(ct);
            history = [.. rows.Select(h => h.Action == CaseAction.Evaluate
                // 好差评 is confidential: neither the rater nor the clerk who recorded the rating is shown (the audit trail keeps who).
                ? new HistoryView(h.Sequence, h.Action.ToString(), ActionLabels.Of(h.Action), h.FromState, h.ToState, CaseLabels.ConfidentialActorId, CaseLabels.ConfidentialActorName, h.PostId, h.JurisdictionId, h.At, h.Detail)
                : new HistoryView(h.Sequence, h.Action.ToString(), ActionLabels.Of(h.Action), h.FromState, h.ToState, h.ActorId, h.ActorName, h.PostId, h.JurisdictionId, h.At, h.Detail, h.ActingForId))];
            holders = [.. CaseHolders.Of(rows, c.CurrentPostId is null && c.ClosedAt is not null).Select(h => new HolderView(h.StaffId, h.StaffName, h.PostId, h.ActingFor, h.Since, h.Until))];
            seals = await db.SealUses.AsNoTracking().Where(s => s.CaseId == c.Id).OrderBy(s => s.UsedAt)
                .Select(s => new SealUseView(s.Seal, s.Document, s.UsedBy, s.UsedAt)).ToListAsync(ct);
        }

        var tasks = await TasksAsync(db, item, c.Id, now, ct);
        var authorisation = await db.CaseAuthorisations.AsNoTracking().Where(a => a.CaseId == c.Id)
            .Select(a => new AuthorisationView(a.Agent, a.Scope, a.SignedOn, a.Channel.ToString(), a.RecordedBy, a.RecordedAt)).SingleOrDefaultAsync(ct);

        return new CaseView(
            c.Id, c.Number, c.ItemCode, item.Spec.Name, c.ItemVersion, c.DefinitionId, c.State, stateLabel, c.Mode.ToString(),
            c.IntakeCommunityId, c.RegistrationTownshipId, c.CurrentPostId,
            new ApplicantView(c.ApplicantName, MaskId(c.ApplicantIdNumber), MaskPhone(c.ApplicantPhone)),
            c.MaterialsHandedIn, c.MissingMaterials, c.CorrectionRounds, c.Approved, c.DecisionText, c.DeliveryMethod?.ToString(), c.EvaluationLevel,
            c.FirstContactStaffId, c.OpenedAt, c.UpdatedAt, c.ClosedAt, c.Version,
            ClockView.Overall(c, calendar, now), ClockView.Stage(c, calendar, now), c.DeferredMaterials, c.PromiseDueAt, c.OverdueAt, next, history)
        {
            Channel = c.Channel.ToString(),
            EscalatedToBackup = c.EscalatedToBackup,
            Authorisation = authorisation,
            Holders = holders,
            SealUses = seals,
            Tasks = tasks,
        };
    }

    private static async Task<List<TaskView>> TasksAsync(TongbanDbContext db, LoadedItemVersion item, Guid caseId, DateTimeOffset now, CancellationToken ct)
    {
        var rows = await db.CaseTasks.AsNoTracking().Where(t => t.CaseId == caseId).OrderBy(t => t.OpenedAt).ToListAsync(ct);
        return [.. rows.Select(t =>
        {
            var node = item.Definition.BranchTasks.FirstOrDefault(b => b.Node == t.Node);
            var colour = t.Status != BranchTaskStatus.Open || t.DueAt is not { } due ? null : now > due ? "Red" : now >= t.YellowAt ? "Yellow" : "Green";
            var actions = t.Status == BranchTaskStatus.Open && node is not null ? node.Steps.Select(s => Tongban.Workflows.Routes.StepKinds.KindOf(s.Action)).Distinct().ToList() : [];
            return new TaskView(t.Id, t.Node, node?.Label ?? t.Node, t.Participant, t.JurisdictionId, t.PostId, t.Status.ToString(), t.OpenedAt, t.ReceivedAt, t.DueAt, colour, t.CompletedAt, t.Agrees, t.Opinion, actions);
        })];
    }

    public static string MaskId(string idNumber) => ChineseIdNumber.TryParse(idNumber, out var id, out _) ? id.Masked : Mask.KeepEnds(idNumber, 6, 4);

    public static string MaskPhone(string phone) => PhoneNumber.TryParse(phone, out var p, out _) ? p.Masked : Mask.KeepEnds(phone, 3, 2);
}
