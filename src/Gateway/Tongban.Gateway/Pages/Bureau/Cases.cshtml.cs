using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tongban.Gateway.Pages.Infrastructure;
using Tongban.Workflows.Auditing;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.Auditing;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Organisation;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.Pages.Bureau;

/// <summary>
/// The bureau's drill-down list with filters, and its export as CSV or Excel. Every export is recorded in the
/// audit trail (who, when, filter, rows) in the same transaction that is committed before the file is sent.
/// </summary>
[ForRoles(PostRole.BureauSupervisor)]
public sealed class BureauCasesModel(TongbanDbContext db, ItemVersionCache items, CountyClock clock) : StaffPage
{
    public const int PageSize = 50;
    public const int MaxExportRows = 50_000;
    public const string AuditSubject = "case-list";

    private static readonly string[] Header = ["案件编号", "事项编码", "事项", "申请人", "身份证号（脱敏）", "受理社区", "户籍乡镇", "环节", "当前办理", "时限状态", "接件时间", "应办结时间", "办结时间"];
    private static readonly int[] Widths = [22, 12, 20, 10, 22, 12, 12, 16, 22, 12, 18, 18, 18];

    public CountyClock Clock => clock;

    public BureauFilter Filter { get; private set; } = BureauFilter.Create(null, null, null, null, null);

    public BureauFilterForm FilterForm { get; private set; } = null!;

    public IReadOnlyList<CaseRow> Rows { get; private set; } = [];

    public Paging Paging { get; private set; } = new(1, PageSize, 0);

    public string? ExportError { get; private set; }

    public async Task OnGetAsync(string? jurisdiction, string? item, string? state, DateOnly? from, DateOnly? to, int p = 1, CancellationToken ct = default)
    {
        await PrepareAsync(jurisdiction, item, state, from, to, ct);
        var query = Filter.Apply(db.Cases.AsNoTracking(), Me.Org, clock);
        Paging = new Paging(Math.Max(1, p), PageSize, await query.CountAsync(ct));
        var cases = await query.OrderByDescending(c => c.OpenedAt).ThenBy(c => c.Id).Skip(Paging.Skip).Take(PageSize).ToListAsync(ct);
        Rows = await CaseRow.BuildAsync(cases, db, items, Me.Org, actor: null, clock.Now, ct);
    }

    public Task<IActionResult> OnPostCsvAsync(string? jurisdiction, string? item, string? state, DateOnly? from, DateOnly? to, string? purpose, CancellationToken ct) =>
        ExportAsync("csv", jurisdiction, item, state, from, to, purpose, ct);

    public Task<IActionResult> OnPostXlsxAsync(string? jurisdiction, string? item, string? state, DateOnly? from, DateOnly? to, string? purpose, CancellationToken ct) =>
        ExportAsync("xlsx", jurisdiction, item, state, from, to, purpose, ct);

    private async Task<IActionResult> ExportAsync(string format, string? jurisdiction, string? item, string? state, DateOnly? from, DateOnly? to, string? purpose, CancellationToken ct)
    {
        await PrepareAsync(jurisdiction, item, state, from, to, ct);
        var query = Filter.Apply(db.Cases.AsNoTracking(), Me.Org, clock);
        var total = await query.CountAsync(ct);
        if (total > MaxExportRows)
        {
            ExportError = $"符合条件的案件有 {total} 件，超过单次导出上限 {MaxExportRows} 件，请缩小筛选范围后再导出。";
            await OnGetAsync(jurisdiction, item, state, from, to, 1, ct);
            return Page();
        }

        var cases = await query.OrderByDescending(c => c.OpenedAt).ThenBy(c => c.Id).ToListAsync(ct);
        var rows = await CaseRow.BuildAsync(cases, db, items, Me.Org, actor: null, clock.Now, ct);
        var completedAt = cases.ToDictionary(c => c.Id, c => c.CompletedAt);
        var codes = cases.ToDictionary(c => c.Id, c => c.ItemCode);
        var lines = rows.Select(r => (IReadOnlyList<string>)
        [
            r.Number, codes[r.Id], r.ItemName, r.ApplicantName, r.IdNumberMasked, r.IntakeCommunity, r.RegistrationTownship, r.StateLabel, r.Holder,
            r.Urgency.Label, clock.Format(r.OpenedAt), clock.Format(r.Urgency.DueAt), clock.Format(completedAt[r.Id]),
        ]).ToList();

        // Audited before the file leaves: if the record cannot be written, nothing is exported.
        var now = clock.Now;
        AuditTrail.Append(db, new AuditEntry(
            now, Me.Id, AuditActions.PersonalDataExport, AuditSubject, AuditOutcomes.Ok,
            Reason: string.IsNullOrWhiteSpace(purpose) ? null : purpose.Trim()[..Math.Min(purpose.Trim().Length, 200)],
            Detail: $"format={format}; rows={lines.Count}; {Filter.Describe()}"));
        await db.SaveChangesAsync(ct);

        var name = $"办件明细-{clock.Local(now):yyyyMMdd-HHmm}";
        return format == "csv"
            ? File(Export.Csv(Header, lines), "text/csv; charset=utf-8", name + ".csv")
            : File(Export.Xlsx("办件明细", Header, Widths, lines), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx");
    }

    private async Task PrepareAsync(string? jurisdiction, string? item, string? state, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        Filter = BureauFilter.Create(jurisdiction, item, state, from, to);
        var itemNames = await db.ItemVersions.AsNoTracking().Where(v => v.IsCurrent).OrderBy(v => v.Code).Select(v => new { v.Code, v.Name }).ToListAsync(ct);
        FilterForm = new BureauFilterForm(
            "/bureau/cases", Filter, [.. Me.Org.OfKind(JurisdictionKind.Township)], [.. Me.Org.OfKind(JurisdictionKind.UrbanCommunity)],
            [.. itemNames.Select(i => (i.Code, i.Name))], ShowState: true);
    }
}
