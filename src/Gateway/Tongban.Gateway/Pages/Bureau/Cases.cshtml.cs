using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tongban.Gateway.Pages.Infrastructure;
using Tongban.UseCases.Bureau;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Organisation;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.Pages.Bureau;

/// <summary>
/// The bureau's drill-down list with filters, and its export as CSV or Excel: the cases
/// <see cref="ListBureauCases"/> selects, as <c>GET /api/bureau/cases</c> does; exports through
/// <see cref="ExportBureauCases"/>, which records each in the audit trail before the file is sent.
/// </summary>
[ForRoles(PostRole.BureauSupervisor)]
public sealed class BureauCasesModel(TongbanDbContext db, ItemVersionCache items, ListBureauCases list, ExportBureauCases export, CountyClock clock) : StaffPage
{
    public const int PageSize = 50;

    private static readonly string[] Header = ["案件编号", "事项编码", "事项", "申请人", "身份证号（脱敏）", "受理社区", "户籍乡镇", "环节", "当前办理", "时限状态", "接件时间", "应办结时间", "办结时间"];
    private static readonly int[] Widths = [22, 12, 20, 10, 22, 12, 12, 16, 22, 12, 18, 18, 18];

    public CountyClock Clock => clock;

    public BureauListQuery Filter { get; private set; } = BureauListQuery.Create(null, null, null, null, null, null);

    public BureauFilterForm FilterForm { get; private set; } = null!;

    public IReadOnlyList<CaseRow> Rows { get; private set; } = [];

    public Paging Paging { get; private set; } = new(1, PageSize, 0);

    public string? ExportError { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? jurisdiction, string? residentOf, string? item, string? state, DateOnly? from, DateOnly? to, int p = 1, CancellationToken ct = default)
    {
        await PrepareAsync(jurisdiction, residentOf, item, state, from, to, ct);
        var listed = await ListAsync(p, ct);
        if (listed is { Rows.Count: 0, Matching: > 0 } && p > 1) listed = await ListAsync(new Paging(p, PageSize, listed.Matching.Value).Pages, ct);
        if (listed is null) return BadRequest();

        Paging = new Paging(Math.Max(1, p), PageSize, listed.Matching ?? 0);
        Rows = await CaseRow.BuildAsync([.. listed.Rows.Select(r => r.Case)], db, items, Me.Org, actor: null, clock.Now, ct);
        return Page();
    }

    public Task<IActionResult> OnPostCsvAsync(string? jurisdiction, string? residentOf, string? item, string? state, DateOnly? from, DateOnly? to, string? purpose, CancellationToken ct) =>
        ExportAsync(ExportBureauCases.Format.Csv, jurisdiction, residentOf, item, state, from, to, purpose, ct);

    public Task<IActionResult> OnPostXlsxAsync(string? jurisdiction, string? residentOf, string? item, string? state, DateOnly? from, DateOnly? to, string? purpose, CancellationToken ct) =>
        ExportAsync(ExportBureauCases.Format.Xlsx, jurisdiction, residentOf, item, state, from, to, purpose, ct);

    private async Task<IActionResult> ExportAsync(
        ExportBureauCases.Format format, string? jurisdiction, string? residentOf, string? item, string? state, DateOnly? from, DateOnly? to, string? purpose, CancellationToken ct)
    {
        var filter = BureauListQuery.Create(jurisdiction, residentOf, item, state, from, to);
        switch (await export.HandleAsync(new ExportBureauCases.Request(Me.Actor, filter.ToFilter(clock), format, purpose), ct))
        {
            case ExportBureauCases.Result.Exported exported:
                var rows = await CaseRow.BuildAsync([.. exported.Cases], db, items, Me.Org, actor: null, clock.Now, ct);
                var cases = exported.Cases.ToDictionary(c => c.Id);
                var lines = rows.Select(r => (IReadOnlyList<string>)
                [
                    r.Number, cases[r.Id].ItemCode, r.ItemName, r.ApplicantName, r.IdNumberMasked, r.IntakeCommunity, r.RegistrationTownship, r.StateLabel, r.Holder,
                    r.Urgency.Label, clock.Format(r.OpenedAt), clock.Format(r.Urgency.DueAt), clock.Format(cases[r.Id].CompletedAt),
                ]).ToList();
                var name = $"办件明细-{clock.Local(exported.At):yyyyMMdd-HHmm}";
                return format == ExportBureauCases.Format.Csv
                    ? File(Export.Csv(Header, lines), "text/csv; charset=utf-8", name + ".csv")
                    : File(Export.Xlsx("办件明细", Header, Widths, lines), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx");
            case ExportBureauCases.Result.TooMany tooMany:
                ExportError = $"符合条件的案件有 {tooMany.Matching} 件，超过单次导出上限 {tooMany.Max} 件，请缩小筛选范围后再导出。";
                return await OnGetAsync(jurisdiction, residentOf, item, state, from, to, 1, ct);
            case ExportBureauCases.Result.Refused:
                return Forbid();
            default:
                return BadRequest();
        }
    }

    private async Task<ListBureauCases.Result.Listed?> ListAsync(int page, CancellationToken ct)
    {
        var request = new ListBureauCases.Request(Me.Actor, Filter.ToFilter(clock), PageSize, (Math.Max(1, page) - 1) * PageSize, CountMatching: true);
        return await list.HandleAsync(request, ct) as ListBureauCases.Result.Listed;
    }

    private async Task PrepareAsync(string? jurisdiction, string? residentOf, string? item, string? state, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        Filter = BureauListQuery.Create(jurisdiction, residentOf, item, state, from, to);
        var itemNames = await db.ItemVersions.AsNoTracking().Where(v => v.IsCurrent).OrderBy(v => v.Code).Select(v => new { v.Code, v.Name }).ToListAsync(ct);
        FilterForm = new BureauFilterForm(
            "/bureau/cases", Filter, [.. Me.Org.OfKind(JurisdictionKind.Township)], [.. Me.Org.OfKind(JurisdictionKind.UrbanCommunity)],
            [.. itemNames.Select(i => (i.Code, i.Name))], ShowState: true)
        {
            Departments = [.. Me.Org.OfKind(JurisdictionKind.Department)],
        };
    }
}
