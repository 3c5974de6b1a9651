using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Clocks;
using Tongban.Workflows.Runtime.Monitoring;
using Tongban.Workflows.Runtime.Organisation;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.Bureau;

/// <summary>
/// At-risk (yellow) and overdue (red) counts of the cases a filter selects, per jurisdiction holding them and per
/// item: what <c>GET /api/bureau/cases</c> and the dashboard show. From the running counts (<c>bureau_counts</c>)
/// whenever the filter selects by post and item only; otherwise the selected cases are grouped. A filter by unit or
/// holder also counts the branch tasks (并联办理) at those posts by their own clocks, as <see cref="ListBureauCases"/>
/// lists their cases: asked for 县残联, the bureau sees its late opinions although 县残联 holds no case.
/// </summary>
public sealed class CountBureauCases(TongbanDbContext db, TimeProvider clock, CountBranchTasks branchTasks)
{
    /// <summary>The jurisdiction key of cases in transit between jurisdictions (held by no post).</summary>
    public const string InTransit = "in-transit";

    public sealed record Count(string Key, string Name, int Yellow, int Red);

    public sealed record Answer(int Yellow, int Red, IReadOnlyList<Count> ByJurisdiction, IReadOnlyList<Count> ByItem)
    {
        public int Total => Yellow + Red;
    }

    public async Task<Answer> HandleAsync(BureauCaseFilter filter, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var posts = await db.Posts.AsNoTracking().ToListAsync(ct);
        var jurisdictions = await db.Jurisdictions.AsNoTracking().ToDictionaryAsync(j => j.Id, j => j.Name, ct);
        var groups = filter.CountableFromRunningCounts ? await FromRunningCountsAsync(filter, posts, now, ct) : await FromCasesAsync(filter, posts, now, ct);
        if (filter.Posts(posts) is not null && filter.Stage is null) groups.AddRange(await FromBranchTasksAsync(filter, ct));

        var postJurisdiction = posts.ToDictionary(p => p.Id, p => p.JurisdictionId);
        var byJurisdiction = groups
            .GroupBy(g => g.PostId is not null && postJurisdiction.TryGetValue(g.PostId, out var j) ? j : InTransit)
            .Select(g => new Count(g.Key, jurisdictions.GetValueOrDefault(g.Key, "移交途中"), g.Sum(x => x.Yellow), g.Sum(x => x.Red)))
            .OrderByDescending(c => c.Red).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
        var byItem = groups.GroupBy(g => g.ItemCode)
            .Select(g => new Count(g.Key, g.Key, g.Sum(x => x.Yellow), g.Sum(x => x.Red)))
            .OrderByDescending(c => c.Red).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
        return new Answer(groups.Sum(g => g.Yellow), groups.Sum(g => g.Red), byJurisdiction, byItem);
    }

    /// <summary>The running counts (a few hundred rows, exact at now), narrowed to the filter's posts, item and colour.</summary>
    private async Task<List<BureauCountsQuery.PostItemCount>> FromRunningCountsAsync(BureauCaseFilter filter, List<Post> posts, DateTimeOffset now, CancellationToken ct)
    {
        var kept = filter.Posts(posts);
        return (await BureauCountsQuery.ReadAsync(db, now, ct))
            .Where(g => (kept is null || (g.PostId is not null && kept.Contains(g.PostId))) && (filter.Item is null || g.ItemCode == filter.Item))
            .Select(g => g with { Yellow = filter.Colour == Colour.Red ? 0 : g.Yellow, Red = filter.Colour == Colour.Yellow ? 0 : g.Red })
            .Where(g => g.Yellow + g.Red > 0)
            .ToList();
    }

    /// <summary>The open branch tasks at the filter's posts needing attention, grouped per post and item, narrowed to its colour.</summary>
    private async Task<List<BureauCountsQuery.PostItemCount>> FromBranchTasksAsync(BureauCaseFilter filter, CancellationToken ct) =>
        [.. (await branchTasks.OpenAsync(filter, ct))
            .Where(t => t.Colour != Colour.Green && (filter.Colour is null || filter.Colour == t.Colour))
            .GroupBy(t => (t.PostId, t.ItemCode))
            .Select(g => new BureauCountsQuery.PostItemCount(g.Key.PostId, g.Key.ItemCode, g.Count(t => t.Colour == Colour.Yellow), g.Count(t => t.Colour == Colour.Red)))];

    /// <summary>The selected cases, grouped per post and item (posts and items are few); green ones count nowhere.</summary>
    private async Task<List<BureauCountsQuery.PostItemCount>> FromCasesAsync(BureauCaseFilter filter, List<Post> posts, DateTimeOffset now, CancellationToken ct)
    {
        var attention = filter.Apply(db.Cases.AsNoTracking(), now, posts).Where(BureauColours.NeedsAttention(now));
        var red = attention.Where(BureauColours.Red(now));
        var all = await attention.GroupBy(c => new { c.CurrentPostId, c.ItemCode }).Select(g => new { g.Key.CurrentPostId, g.Key.ItemCode, Cases = g.Count() }).ToListAsync(ct);
        var reds = await red.GroupBy(c => new { c.CurrentPostId, c.ItemCode }).Select(g => new { g.Key.CurrentPostId, g.Key.ItemCode, Cases = g.Count() }).ToListAsync(ct);
        return all.Select(a =>
        {
            var r = reds.FirstOrDefault(x => x.CurrentPostId == a.CurrentPostId && x.ItemCode == a.ItemCode)?.Cases ?? 0;
            return new BureauCountsQuery.PostItemCount(a.CurrentPostId, a.ItemCode, a.Cases - r, r);
        }).ToList();
    }
}
