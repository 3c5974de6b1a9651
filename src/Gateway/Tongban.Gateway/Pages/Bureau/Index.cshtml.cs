using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tongban.Gateway.Pages.Infrastructure;
using Tongban.UseCases.Bureau;
using Tongban.Workflows.Clocks;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Organisation;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.Pages.Bureau;

/// <summary>
/// 行政审批局 dashboard: open, at-risk and overdue counts by the township holding the cases, by the community that
/// took them in, and by item; the daily trend; the open supervision items. <see cref="ReadBureauDashboard"/>
/// answers it, its colours from the running counts as <c>GET /api/bureau/cases</c>. Every count links to the
/// drill-down list with the same filter.
/// </summary>
[ForRoles(PostRole.BureauSupervisor)]
public sealed class BureauIndexModel(TongbanDbContext db, ReadBureauDashboard dashboard, ReadStatistics statistics, CountyClock clock) : StaffPage
{
    public const int TrendDays = 30;

    /// <summary>Counts under one jurisdiction or item.</summary>
    public sealed record CountRow(string Key, string Label, int Open, int AtRisk, int Overdue);

    public sealed record SupervisionRow(Guid CaseId, string CaseNumber, string Item, string Scope, string Jurisdiction, string Post, string Holder, DateTimeOffset HeldSince, DateTimeOffset DueAt, DateTimeOffset OpenedAt, bool Escalated);

    public CountyClock Clock => clock;

    public BureauListQuery Filter { get; private set; } = BureauListQuery.Create(null, null, null, null, null, null);

    public BureauFilterForm FilterForm { get; private set; } = null!;

    public CountRow Totals { get; private set; } = new("", "", 0, 0, 0);

    /// <summary>Per township holding the cases now (the unit that must act).</summary>
    public IReadOnlyList<CountRow> ByTownship { get; private set; } = [];

    /// <summary>Per community that took the cases in (whose residents), wherever they are held now.</summary>
    public IReadOnlyList<CountRow> ByCommunity { get; private set; } = [];

    public IReadOnlyList<CountRow> ByItem { get; private set; } = [];

    /// <summary>并联办理: open branch tasks per county department, by the colour of each task's own clock.</summary>
    public sealed record TaskCountRow(string Key, string Label, int Open, int OnTime, int AtRisk, int Overdue);

    public IReadOnlyList<TaskCountRow> BranchTasksByUnit { get; private set; } = [];

    public TrendChart Chart { get; private set; } = new([]);

    public DateOnly TrendFrom { get; private set; }

    public DateOnly TrendTo { get; private set; }

    public IReadOnlyList<SupervisionRow> Supervision { get; private set; } = [];

    public int OpenSupervisionCount { get; private set; }

    /// <summary>Per community the counts the pilot counties publish: cases by channel, 本点代他点收件, visits made, call-backs against their limit, residents served.</summary>
    public IReadOnlyList<ReadStatistics.CommunityRow> Channels { get; private set; } = [];

    /// <summary>Per registration township: cases, and 他点代本点收件 (taken in by another place's window).</summary>
    public IReadOnlyList<ReadStatistics.JurisdictionRow> Townships { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? jurisdiction, string? residentOf, string? item, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        Filter = BureauListQuery.Create(jurisdiction, residentOf, item, "open", from, to);
        var org = Me.Org;
        var itemNames = await db.ItemVersions.AsNoTracking().Where(v => v.IsCurrent).OrderBy(v => v.Code).Select(v => new { v.Code, v.Name }).ToListAsync(ct);
        string ItemName(string code) => itemNames.FirstOrDefault(i => i.Code == code)?.Name ?? code;
        var townships = org.OfKind(JurisdictionKind.Township).ToList();
        var communities = org.OfKind(JurisdictionKind.UrbanCommunity).ToList();
        var departments = org.OfKind(JurisdictionKind.Department).ToList();
        FilterForm = new BureauFilterForm("/bureau", Filter, townships, communities, [.. itemNames.Select(i => (i.Code, i.Name))], ShowState: false) { Departments = departments };

        TrendTo = Filter.To ?? clock.Today;
        TrendFrom = Filter.From is { } f && f <= TrendTo && TrendTo.DayNumber - f.DayNumber < ReadBureauDashboard.MaxTrendDays ? f : TrendTo.AddDays(-(TrendDays - 1));
        var result = await dashboard.HandleAsync(new ReadBureauDashboard.Request(Me.Actor, Filter.ToFilter(clock), TrendFrom, TrendTo), ct);
        if (result is not ReadBureauDashboard.Result.Read { Answer: var answer }) return BadRequest();

        static CountRow Row(ReadBureauDashboard.Tally t, string label) => new(t.Key, label, t.Open, t.Yellow, t.Red);
        ByTownship = WithZeros(answer.ByHolder, townships);
        ByCommunity = WithZeros(answer.ByIntakeCommunity, communities);
        // Every county department gets a row, also with no task open.
        BranchTasksByUnit = [.. departments.Select(d => answer.BranchTasks.FirstOrDefault(t => t.Unit == d.Id) is { } t
            ? new TaskCountRow(d.Id, d.Name, t.Open, t.Green, t.Yellow, t.Red)
            : new TaskCountRow(d.Id, d.Name, 0, 0, 0, 0))];
        ByItem = [.. answer.ByItem.Select(t => Row(t, ItemName(t.Key))).OrderByDescending(r => r.Overdue).ThenByDescending(r => r.AtRisk).ThenByDescending(r => r.Open)];
        Totals = Row(answer.Totals, "全县");
        Chart = new TrendChart([.. answer.Trend.Select(d => new TrendChart.Day(d.Date, d.Opened, d.Completed, d.Overdue))]);
        OpenSupervisionCount = answer.OpenSupervision;
        if (await statistics.HandleAsync(new ReadStatistics.Request(Me.Actor, Filter.From is { } sf ? clock.StartOf(sf) : null, Filter.To is { } st ? clock.StartOf(st.AddDays(1)) : null), ct)
            is ReadStatistics.Result.Read { Answer: var figures })
        {
            Channels = figures.ByCommunity;
            Townships = figures.ByJurisdiction;
        }

        Supervision =
        [
            .. answer.Supervision.OrderByDescending(s => s.Level == SupervisionLevel.Escalated).Select(s => new SupervisionRow(
                s.CaseId, s.CaseNumber, ItemName(s.ItemCode), s.Scope == "overall" ? "总时限" : $"{Stages.Label(s.Scope)}环节",
                org.JurisdictionName(s.JurisdictionId), org.PostName(s.PostId), org.StaffName(s.HolderStaffId), s.HeldSince, s.DueAt, s.OpenedAt,
                s.Level == SupervisionLevel.Escalated)),
        ];
        return Page();

        // Every jurisdiction gets a row, also with nothing open: a zero is information for the bureau.
        static List<CountRow> WithZeros(IReadOnlyList<ReadBureauDashboard.Tally> tallies, List<Jurisdiction> all) =>
            [.. all.Select(j => tallies.FirstOrDefault(t => t.Key == j.Id) is { } t ? Row(t, j.Name) : new CountRow(j.Id, j.Name, 0, 0, 0))];
    }
}
