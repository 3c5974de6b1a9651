using Microsoft.EntityFrameworkCore;
using Tongban.Gateway.Pages.Infrastructure;
using Tongban.Workflows.Clocks;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Organisation;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.Pages.Bureau;

/// <summary>
/// 行政审批局 dashboard: open, at-risk and overdue counts by township, community and item, the daily trend, and
/// the open supervision items. Every count links to the drill-down list with the same filter.
/// </summary>
[ForRoles(PostRole.BureauSupervisor)]
public sealed class BureauIndexModel(TongbanDbContext db, CountyClock clock) : StaffPage
{
    public const int TrendDays = 30;

    public sealed record SupervisionRow(Guid CaseId, string CaseNumber, string Item, string Scope, string Jurisdiction, string Post, string Holder, DateTimeOffset HeldSince, DateTimeOffset DueAt, DateTimeOffset OpenedAt, bool Escalated);

    public CountyClock Clock => clock;

    public BureauFilter Filter { get; private set; } = BureauFilter.Create(null, null, null, null, null);

    public BureauFilterForm FilterForm { get; private set; } = null!;

    public CountRow Totals { get; private set; } = new("", "", 0, 0, 0, 0);

    public IReadOnlyList<CountRow> ByTownship { get; private set; } = [];

    public IReadOnlyList<CountRow> ByCommunity { get; private set; } = [];

    public IReadOnlyList<CountRow> ByItem { get; private set; } = [];

    public TrendChart Chart { get; private set; } = new([]);

    public DateOnly TrendFrom { get; private set; }

    public DateOnly TrendTo { get; private set; }

    public IReadOnlyList<SupervisionRow> Supervision { get; private set; } = [];

    public int OpenSupervisionCount { get; private set; }

    public async Task OnGetAsync(string? jurisdiction, string? item, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        Filter = BureauFilter.Create(jurisdiction, item, "open", from, to);
        var org = Me.Org;
        var itemNames = await db.ItemVersions.AsNoTracking().Where(v => v.IsCurrent).OrderBy(v => v.Code).Select(v => new { v.Code, v.Name }).ToListAsync(ct);
        string ItemName(string code) => itemNames.FirstOrDefault(i => i.Code == code)?.Name ?? code;
        var townships = org.OfKind(JurisdictionKind.Township).ToList();
        var communities = org.OfKind(JurisdictionKind.UrbanCommunity).ToList();
        FilterForm = new BureauFilterForm("/bureau", Filter, townships, communities, [.. itemNames.Select(i => (i.Code, i.Name))], ShowState: false);

        var now = clock.Now;
        var scoped = Filter.Where(db.Cases.AsNoTracking(), org);
        var byTownship = await BureauCounts.ByAsync(scoped, c => c.RegistrationTownshipId, now, org.JurisdictionName, ct);
        var byCommunity = await BureauCounts.ByAsync(scoped, c => c.IntakeCommunityId, now, org.JurisdictionName, ct);
        var byItem = await BureauCounts.ByAsync(scoped, c => c.ItemCode, now, ItemName, ct);

        // Every jurisdiction gets a row, also with nothing open: a zero is information for the bureau.
        ByTownship = WithZeros(byTownship, townships.Select(j => (j.Id, j.Name)));
        ByCommunity = WithZeros(byCommunity, communities.Select(j => (j.Id, j.Name)));
        ByItem = [.. byItem.OrderByDescending(r => r.Overdue).ThenByDescending(r => r.AtRisk).ThenByDescending(r => r.Open)];
        Totals = new CountRow("", "全县", byItem.Sum(r => r.Open), byItem.Sum(r => r.AtRisk), byItem.Sum(r => r.Overdue), byItem.Sum(r => r.StageOverdue));

        await LoadTrendAsync(scoped, ct);
        await LoadSupervisionAsync(org, ItemName, ct);
    }

    private async Task LoadTrendAsync(IQueryable<Workflows.Runtime.Cases.Case> scoped, CancellationToken ct)
    {
        TrendTo = Filter.To ?? clock.Today;
        TrendFrom = Filter.From is { } f && f <= TrendTo && TrendTo.DayNumber - f.DayNumber < 366 ? f : TrendTo.AddDays(-(TrendDays - 1));
        var start = clock.StartOf(TrendFrom);
        var end = clock.StartOf(TrendTo.AddDays(1));

        // Instants only; grouped by county-local day here (a local "day" is not a SQL function on every provider).
        var opened = await scoped.Where(c => c.OpenedAt >= start && c.OpenedAt < end).Select(c => c.OpenedAt).ToListAsync(ct);
        var completed = await scoped.Where(c => c.CompletedAt >= start && c.CompletedAt < end).Select(c => c.CompletedAt!.Value).ToListAsync(ct);
        var overdue = await scoped.Where(c => c.OverdueAt >= start && c.OverdueAt < end).Select(c => c.OverdueAt!.Value).ToListAsync(ct);

        Dictionary<DateOnly, int> PerDay(List<DateTimeOffset> instants) => instants.GroupBy(clock.DateOfInstant).ToDictionary(g => g.Key, g => g.Count());
        var (o, c, r) = (PerDay(opened), PerDay(completed), PerDay(overdue));
        var days = new List<TrendChart.Day>();
        for (var d = TrendFrom; d <= TrendTo; d = d.AddDays(1)) days.Add(new(d, o.GetValueOrDefault(d), c.GetValueOrDefault(d), r.GetValueOrDefault(d)));
        Chart = new TrendChart(days);
    }

    private async Task LoadSupervisionAsync(OrgDirectory.Snapshot org, Func<string, string> itemName, CancellationToken ct)
    {
        var open = db.SupervisionItems.AsNoTracking().Where(s => s.ClosedAt == null);
        if (Filter.Jurisdiction is { } j) open = open.Where(s => s.JurisdictionId == j);
        if (Filter.Item is { } i) open = open.Where(s => s.ItemCode == i);
        OpenSupervisionCount = await open.CountAsync(ct);
        var rows = await open.OrderBy(s => s.OpenedAt).Take(50).ToListAsync(ct);
        Supervision =
        [
            .. rows.OrderByDescending(s => s.Level == SupervisionLevel.Escalated).Select(s => new SupervisionRow(
                s.CaseId, s.CaseNumber, itemName(s.ItemCode), s.Scope == "overall" ? "总时限" : $"{Stages.Label(s.Scope)}环节",
                org.JurisdictionName(s.JurisdictionId), org.PostName(s.PostId), org.StaffName(s.HolderStaffId), s.HeldSince, s.DueAt, s.OpenedAt,
                s.Level == SupervisionLevel.Escalated)),
        ];
    }

    private static List<CountRow> WithZeros(List<CountRow> rows, IEnumerable<(string Id, string Name)> all)
    {
        var known = rows.ToDictionary(r => r.Key);
        return [.. all.Select(j => known.GetValueOrDefault(j.Id) ?? new CountRow(j.Id, j.Name, 0, 0, 0, 0))];
    }
}
