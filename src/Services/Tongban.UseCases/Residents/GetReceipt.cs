using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tongban.UseCases.Cases;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Residents;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.Residents;

/// <summary>
/// 受理回执, printed at the window after intake and handed to the resident: case number, item, the materials
/// handed in, the promised due date, where to pick up the result and how to follow the case. The receipt leaves
/// the office in the resident's hands, so it carries the masked name and no part of the ID number (its last six
/// characters are what opens the public lookup). Staff of the case's jurisdictions and the bureau may print it.
/// </summary>
public sealed class GetReceipt(TongbanDbContext db, ItemVersionCache items, IOptions<TimeLimitOptions> limits)
{
    public sealed record Request(Guid CaseId);

    /// <param name="DueDate">County-local date the overall clock is due, null while it is stopped or for none.</param>
    /// <param name="PromiseDate">容缺受理: the date promised for the deferred materials.</param>
    public sealed record Receipt(
        Guid CaseId,
        string CaseNumber,
        string ItemCode,
        string ItemName,
        string Applicant,
        DateTimeOffset AcceptedAt,
        string AcceptedAtText,
        string AcceptedBy,
        string WindowName,
        string TownshipName,
        IReadOnlyList<string> MaterialsHandedIn,
        IReadOnlyList<string> DeferredMaterials,
        DateOnly? PromiseDate,
        DateOnly? DueDate,
        bool DueProvisional,
        int LimitWorkingDays);

    public async Task<Outcome<Receipt>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().SingleOrDefaultAsync(x => x.Id == request.CaseId, ct);
        if (c is null) return Outcome.NotFound<Receipt>();
        if (!CaseVisibility.MaySee(actor, c.Location)) return Outcome.Forbidden<Receipt>(CaseVisibility.NotYourJurisdiction);

        var item = await items.GetAsync(db, c.ItemVersionId, ct);
        var names = item.Spec.Materials.ToDictionary(m => m.Code, m => m.Name, StringComparer.Ordinal);
        string NameOf(string code) => names.TryGetValue(code, out var name) ? name : code;
        var places = await db.Jurisdictions.AsNoTracking().Where(j => j.Id == c.IntakeCommunityId || j.Id == c.RegistrationTownshipId).ToDictionaryAsync(j => j.Id, j => j.Name, ct);
        var clerk = await db.Staff.AsNoTracking().Where(s => s.Id == c.FirstContactStaffId).Select(s => s.DisplayName).SingleOrDefaultAsync(ct);
        var o = limits.Value;
        return new Receipt(
            c.Id,
            c.Number,
            c.ItemCode,
            item.Spec.Name,
            Mask.Name(c.ApplicantName),
            c.OpenedAt,
            CountyDates.Local(c.OpenedAt, o).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            clerk ?? c.FirstContactStaffId,
            $"{places.GetValueOrDefault(c.IntakeCommunityId, c.IntakeCommunityId)}便民服务窗口",
            places.GetValueOrDefault(c.RegistrationTownshipId, c.RegistrationTownshipId),
            [.. c.MaterialsHandedIn.Select(NameOf)],
            [.. c.DeferredMaterials.Select(NameOf)],
            c.PromiseDueAt is { } promise ? CountyDates.DateOf(promise, o) : null,
            c.OverallDueAt is { } due && c.ClockStoppedAt is null ? CountyDates.DateOf(due, o) : null,
            c.OverallProvisional,
            c.OverallLimitDays);
    }
}
