using Microsoft.EntityFrameworkCore;
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
    public sealed record ApplicantView(string Name, string IdNumberMasked, string PhoneMasked);

    public sealed record HistoryView(int Sequence, string Action, string ActionLabel, string FromState, string ToState, string ActorId, string ActorName, string PostId, string JurisdictionId, DateTimeOffset At, string? Detail);

    public static async Task<CaseView> LoadAsync(TongbanDbContext db, ItemVersionCache items, CalendarProvider calendars, DateTimeOffset now, Case c, bool withHistory, CancellationToken ct)
    {
        var calendar = await calendars.GetAsync(db, ct);
        var item = await items.GetAsync(db, c.ItemVersionId, ct);
        var stateLabel = c.State == CaseStates.None ? "未接件" : item.Definition.State(c.State).Label;
        var next = item.Definition.From(c.State).Where(t => t.By is not null).Select(t => t.Action.ToString()).Distinct().ToList();
        List<HistoryView>? history = null;
        if (withHistory)
        {
            var rows = await db.CaseHistory.AsNoTracking().Where(h => h.CaseId == c.Id).OrderBy(h => h.Sequence).ToListAsync(ct);
            history = [.. rows.Select(h => new HistoryView(h.Sequence, h.Action.ToString(), ActionLabels.Of(h.Action), h.FromState, h.ToState, h.ActorId, h.ActorName, h.PostId, h.JurisdictionId, h.At, h.Detail))];
        }

        return new CaseView(
            c.Id, c.Number, c.ItemCode, item.Spec.Name, c.ItemVersion, c.DefinitionId, c.State, stateLabel, c.Mode.ToString(),
            c.IntakeCommunityId, c.RegistrationTownshipId, c.CurrentPostId,
            new ApplicantView(c.ApplicantName, MaskId(c.ApplicantIdNumber), MaskPhone(c.ApplicantPhone)),
            c.MaterialsHandedIn, c.MissingMaterials, c.CorrectionRounds, c.Approved, c.DecisionText, c.DeliveryMethod?.ToString(), c.EvaluationLevel,
            c.FirstContactStaffId, c.OpenedAt, c.UpdatedAt, c.ClosedAt, c.Version,
            ClockView.Overall(c, calendar, now), ClockView.Stage(c, calendar, now), c.DeferredMaterials, c.PromiseDueAt, c.OverdueAt, next, history);
    }

    public static string MaskId(string idNumber) => ChineseIdNumber.TryParse(idNumber, out var id, out _) ? id.Masked : Mask.KeepEnds(idNumber, 6, 4);

    public static string MaskPhone(string phone) => PhoneNumber.TryParse(phone, out var p, out _) ? p.Masked : Mask.KeepEnds(phone, 3, 2);
}
