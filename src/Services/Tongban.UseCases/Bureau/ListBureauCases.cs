using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Clocks;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.Bureau;

/// <summary>
/// The bureau's list of cases: those a <see cref="BureauCaseFilter"/> selects, most urgent first, each with its
/// colour and who held it when it first turned red (责任追究); optionally the number matching and the yellow/red
/// breakdown per jurisdiction and item. <c>GET /api/bureau/cases</c> and the page 办件明细 both ask this.
/// </summary>
public sealed class ListBureauCases(TongbanDbContext db, TimeProvider clock, CountBureauCases counts)
{
    public const int MaxLimit = 500;
    public const int MaxOffset = 1_000_000;

    /// <param name="CountMatching">Count every matching case (a page's total); the API's total is the breakdown's.</param>
    /// <param name="Breakdown">Yellow and red per jurisdiction and item, as <see cref="CountBureauCases"/>.</param>
    public sealed record Request(Actor Actor, BureauCaseFilter Filter, int Limit = 100, int Offset = 0, bool CountMatching = false, bool Breakdown = false)
    {
        public Dictionary<string, string[]> Validate()
        {
            var errors = Filter.Validate();
            if (Limit is < 1 or > MaxLimit) errors["limit"] = [$"每页 1 至 {MaxLimit} 件。"];
            if (Offset is < 0 or > MaxOffset) errors["offset"] = [$"偏移量应在 0 至 {MaxOffset} 之间。"];
            return errors;
        }
    }

    /// <summary>The holder of the case when its first period expired.</summary>
    public sealed record RedHolder(string Scope, string JurisdictionId, string PostId, string HolderStaffId, DateTimeOffset HeldSince, DateTimeOffset TurnedRedAt);

    /// <summary>One case as read (not tracked): each door shows the columns it needs.</summary>
    public sealed record Row(CaseListing Case, Colour? Colour, RedHolder? WhenRed);

    public abstract record Result
    {
        public sealed record Listed(int? Matching, CountBureauCases.Answer? Counts, IReadOnlyList<Row> Rows) : Result;

        public sealed record Refused(string Reason) : Result;

        public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : Result;
    }

    public async Task<Result> HandleAsync(Request request, CancellationToken ct)
    {
        if (!BureauAccess.Allows(request.Actor)) return new Result.Refused("超期督办查询仅限行政审批局督办岗位。");
        if (request.Validate() is { Count: > 0 } errors) return new Result.Invalid(errors);

        var now = clock.GetUtcNow();
        var posts = await db.Posts.AsNoTracking().ToListAsync(ct);
        var withTask = await request.Filter.CasesWithBranchTaskAsync(db.CaseTasks.AsNoTracking(), now, posts, ct);
        var filtered = request.Filter.Apply(db.Cases.AsNoTracking(), now, posts, withTask);
        int? matching = request.CountMatching ? await filtered.CountAsync(ct) : null;
        var breakdown = request.Breakdown ? await counts.HandleAsync(request.Filter, ct) : null;

        // Sort and page on the narrow columns first, then read only the page's cases, and of them the list's columns.
        var ids = await BureauOrder.MostUrgentFirst(filtered).Skip(request.Offset).Take(request.Limit).Select(c => c.Id).ToListAsync(ct);
        var page = await Load(db, ids, ct);
        var firstRed = (await db.SupervisionItems.AsNoTracking().Where(s => ids.Contains(s.CaseId)).ToListAsync(ct))
            .GroupBy(s => s.CaseId).ToDictionary(g => g.Key, g => g.OrderBy(s => s.OpenedAt).First());
        var rows = page.Select(c => new Row(
            c, BureauColours.Of(c, now),
            firstRed.TryGetValue(c.Id, out var s) ? new RedHolder(s.Scope, s.JurisdictionId, s.PostId, s.HolderStaffId, s.HeldSince, s.OpenedAt) : null)).ToList();
        return new Result.Listed(matching, breakdown, rows);
    }

    /// <summary>The cases with these ids, in the ids' order.</summary>
    internal static async Task<List<CaseListing>> Load(TongbanDbContext db, List<Guid> ids, CancellationToken ct)
    {
        var loaded = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(CaseListing.Columns).ToDictionaryAsync(c => c.Id, ct);
        return [.. ids.Select(id => loaded[id])];
    }
}
