using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.Bureau;

/// <summary>
/// 监督看板: open, at-risk and overdue cases per jurisdiction holding them, per intake community (whose residents)
/// and per item; the daily trend; the open supervision items. Yellow and red per holder and item are
/// <see cref="CountBureauCases"/>'s answer — the API's, from the running counts — so the dashboard and
/// <c>GET /api/bureau/cases</c> cannot disagree. The running counts keep no green cases (three quarters of the open
/// ones; counting them would put a count write on every save of a case), so "open" is one grouping of the open cases.
/// The open branch tasks (并联办理) per assisting unit, with their own clocks' colours, are
/// <see cref="CountBranchTasks"/>'s answer: a case in two branches is at both units.
/// </summary>
public sealed class ReadBureauDashboard(TongbanDbContext db, TimeProvider clock, IOptions<TimeLimitOptions> limits, CountBureauCases counts, CountBranchTasks branchTasks)
{
    public const int MaxTrendDays = 366;
    public const int SupervisionShown = 50;

    /// <param name="Filter">Held by, resident of, item and the intake range; its colour and scope are not used.</param>
    /// <param name="TrendFrom">First county-local day of the trend.</param>
    public sealed record Request(Actor Actor, BureauCaseFilter Filter, DateOnly TrendFrom, DateOnly TrendTo)
    {
        public Dictionary<string, string[]> Validate()
        {
            var errors = Filter.Validate();
            if (TrendTo < TrendFrom || TrendTo.DayNumber - TrendFrom.DayNumber >= MaxTrendDays) errors["to"] = [$"趋势区间应在 1 至 {MaxTrendDays} 天之间。"];
            return errors;
        }
    }

    /// <summary>Counts under one key (a jurisdiction or an item).</summary>
    public sealed record Tally(string Key, int Open, int Yellow, int Red);

    public sealed record Day(DateOnly Date, int Opened, int Completed, int Overdue);

    public sealed record Answer(
        Tally Totals,
        IReadOnlyList<Tally> ByHolder,
        IReadOnlyList<Tally> ByIntakeCommunity,
        IReadOnlyList<Tally> ByItem,
        IReadOnlyList<Day> Trend,
        int OpenSupervision,
        IReadOnlyList<SupervisionItem> Supervision)
    {
        /// <summary>并联办理: open branch tasks per assisting unit, coloured by each task's own clock.</summary>
        public IReadOnlyList<CountBranchTasks.Tally> BranchTasks { get; init; } = [];
    }

    public abstract record Result
    {
        public sealed record Read(Answer Answer) : Result;

        public sealed record Refused(string Reason) : Result;

        public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : Result;
    }

    public async Task<Result> HandleAsync(Request request, CancellationToken ct)
    {
        if (!BureauAccess.Allows(request.Actor)) return new Result.Refused("监督看板仅限行政审批局督办岗位。");
        if (request.Validate() is { Count: > 0 } errors) return new Result.Invalid(errors);

        var now = clock.GetUtcNow();
        var posts = await db.Posts.AsNoTracking().ToListAsync(ct);
        var postJurisdiction = posts.ToDictionary(p => p.Id, p => p.JurisdictionId);
        var filter = request.Filter with { Colour = null, Scope = BureauScope.NeedsAttention };
        var colours = await counts.HandleAsync(filter, ct);

        var open = await (filter with { Scope = BureauScope.Open }).Apply(db.Cases.AsNoTracking(), now, posts)
            .GroupBy(c => new { c.CurrentPostId, c.ItemCode, c.IntakeCommunityId })
            .Select(g => new { g.Key.CurrentPostId, g.Key.ItemCode, g.Key.IntakeCommunityId, Cases = g.Count() })
            .ToListAsync(ct);
        string Holder(string? post) => post is not null && postJurisdiction.TryGetValue(post, out var j) ? j : CountBureauCases.InTransit;

        var openByHolder = open.GroupBy(o => Holder(o.CurrentPostId)).ToDictionary(g => g.Key, g => g.Sum(o => o.Cases));
        var byHolder = openByHolder.Keys.Union(colours.ByJurisdiction.Select(c => c.Key)).Select(key =>
        {
            var c = colours.ByJurisdiction.FirstOrDefault(x => x.Key == key);
            return new Tally(key, openByHolder.GetValueOrDefault(key), c?.Yellow ?? 0, c?.Red ?? 0);
        }).ToList();
        var openByItem = open.GroupBy(o => o.ItemCode).ToDictionary(g => g.Key, g => g.Sum(o => o.Cases));
        var byItem = openByItem.Keys.Union(colours.ByItem.Select(c => c.Key)).Select(key =>
        {
            var c = colours.ByItem.FirstOrDefault(x => x.Key == key);
            return new Tally(key, openByItem.GetValueOrDefault(key), c?.Yellow ?? 0, c?.Red ?? 0);
        }).ToList();

        // Whose residents: by the community that took the case in, wherever it is held now.
        var attention = filter.Apply(db.Cases.AsNoTracking(), now, posts);
        var attentionByCommunity = await attention.GroupBy(c => c.IntakeCommunityId).Select(g => new { g.Key, Cases = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Cases, ct);
        var redByCommunity = await attention.Where(BureauColours.Red(now)).GroupBy(c => c.IntakeCommunityId).Select(g => new { g.Key, Cases = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Cases, ct);
        var byCommunity = open.GroupBy(o => o.IntakeCommunityId).Select(g =>
        {
            var red = redByCommunity.GetValueOrDefault(g.Key);
            return new Tally(g.Key, g.Sum(o => o.Cases), attentionByCommunity.GetValueOrDefault(g.Key) - red, red);
        }).ToList();

        var totals = new Tally("", open.Sum(o => o.Cases), colours.Yellow, colours.Red);
        var trend = await TrendAsync(filter, posts, now, request.TrendFrom, request.TrendTo, ct);
        var (openSupervision, supervision) = await SupervisionAsync(filter, ct);
        var tasks = await branchTasks.HandleAsync(filter, ct);
        return new Result.Read(new Answer(totals, byHolder, byCommunity, byItem, trend, openSupervision, supervision) { BranchTasks = tasks });
    }

    /// <summary>Per county-local day: taken in, completed, turned overdue — of the cases held by, resident of, in the item.</summary>
    private async Task<List<Day>> TrendAsync(BureauCaseFilter filter, IReadOnlyCollection<Workflows.Runtime.Organisation.Post> posts, DateTimeOffset now, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(limits.Value.TimeZone);
        DateTimeOffset StartOf(DateOnly date)
        {
            var local = date.ToDateTime(TimeOnly.MinValue);
            return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
        }

        DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
        var (start, end) = (StartOf(from), StartOf(to.AddDays(1)));
        var scoped = (filter with { Scope = BureauScope.All, OpenedFrom = null, OpenedTo = null }).Apply(db.Cases.AsNoTracking(), now, posts);

        // Instants only; grouped by county-local day here (a local "day" is not a SQL function on every provider).
        var opened = await scoped.Where(c => c.OpenedAt >= start && c.OpenedAt < end).Select(c => c.OpenedAt).ToListAsync(ct);
        var completed = await scoped.Where(c => c.CompletedAt >= start && c.CompletedAt < end).Select(c => c.CompletedAt!.Value).ToListAsync(ct);
        var overdue = await scoped.Where(c => c.OverdueAt >= start && c.OverdueAt < end).Select(c => c.OverdueAt!.Value).ToListAsync(ct);
        Dictionary<DateOnly, int> PerDay(List<DateTimeOffset> instants) => instants.GroupBy(DateOf).ToDictionary(g => g.Key, g => g.Count());
        var (o, c, r) = (PerDay(opened), PerDay(completed), PerDay(overdue));
        var days = new List<Day>();
        for (var d = from; d <= to; d = d.AddDays(1)) days.Add(new Day(d, o.GetValueOrDefault(d), c.GetValueOrDefault(d), r.GetValueOrDefault(d)));
        return days;
    }

    /// <summary>The open supervision items (the unit named is the one that held the case when its period expired).</summary>
    private async Task<(int Count, List<SupervisionItem> Shown)> SupervisionAsync(BureauCaseFilter filter, CancellationToken ct)
    {
        var open = db.SupervisionItems.AsNoTracking().Where(s => s.ClosedAt == null);
        if (filter.HeldBy is { } held) open = open.Where(s => s.JurisdictionId == held);
        if (filter.ResidentOf is { } resident) open = open.Where(s => db.Cases.Any(c => c.Id == s.CaseId && (c.RegistrationTownshipId == resident || c.IntakeCommunityId == resident)));
        if (filter.Item is { } item) open = open.Where(s => s.ItemCode == item);
        return (await open.CountAsync(ct), await open.OrderBy(s => s.OpenedAt).Take(SupervisionShown).ToListAsync(ct));
    }
}
