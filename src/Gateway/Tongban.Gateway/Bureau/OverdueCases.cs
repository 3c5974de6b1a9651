using Microsoft.EntityFrameworkCore;
using Tongban.Gateway.Auth;
using Tongban.Gateway.Cases;
using Tongban.Gateway.Problems;
using Tongban.Workflows.Clocks;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.Monitoring;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.Bureau;

/// <summary>
/// GET /api/bureau/cases: overdue and at-risk cases across the county for the approval bureau, filterable by
/// jurisdiction, item, stage, holder, colour and date range, with counts per jurisdiction and per item. Each row
/// says who held the case when it turned red (责任追究).
/// </summary>
public static class OverdueCases
{
    public sealed record Count(string Key, string Name, int Yellow, int Red);

    public sealed record RedHolder(string Scope, string JurisdictionId, string PostId, string HolderStaffId, DateTimeOffset HeldSince, DateTimeOffset TurnedRedAt);

    public sealed record Row(Guid Id, string Number, string ItemCode, string State, string? Stage, string? CurrentPostId, string IntakeCommunityId, string RegistrationTownshipId, DateTimeOffset OpenedAt, DateTimeOffset? OverallDueAt, DateTimeOffset? StageDueAt, string Colour, RedHolder? WhenRed);

    public sealed record Answer(int Total, IReadOnlyList<Count> ByJurisdiction, IReadOnlyList<Count> ByItem, IReadOnlyList<Row> Rows);

    public static void MapOverdueCases(this RouteGroupBuilder api) =>
        api.MapGet("/bureau/cases", HandleAsync)
            .WithTags("Bureau")
            .WithSummary("Overdue (red) and at-risk (yellow) open cases in the county, with counts per jurisdiction and item. Bureau supervisors only.")
            .Produces<Answer>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

    private static async Task<IResult> HandleAsync(
        string? jurisdiction, string? item, string? stage, string? holder, string? colour, DateTimeOffset? from, DateTimeOffset? to,
        StaffActors staff, TongbanDbContext db, TimeProvider clock, CancellationToken ct, int limit = 100, int offset = 0)
    {
        var actor = await staff.CurrentAsync(ct);
        if (actor.Posts.All(p => p.Role != PostRole.BureauSupervisor)) return CaseProblems.Forbidden("超期督办查询仅限行政审批局督办岗位。");
        Colour? wanted = null;
        if (colour is { Length: > 0 })
        {
            if (!Enum.TryParse<Colour>(colour, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed)) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["colour"] = ["颜色应为 Green、Yellow 或 Red。"] }, title: "输入有误");
            wanted = parsed;
        }

        var now = clock.GetUtcNow();
        var posts = await db.Posts.AsNoTracking().ToListAsync(ct);
        var jurisdictions = await db.Jurisdictions.AsNoTracking().ToDictionaryAsync(j => j.Id, j => j.Name, ct);
        var filter = new BureauCaseFilter(jurisdiction, item, stage, holder, wanted, from, to);
        var filtered = filter.Apply(db.Cases.AsNoTracking(), now, posts);

        // Per post and item (posts and items are few) both breakdowns follow. County-wide, from the running counts
        // (a few hundred rows); a drill-down scans the cases it selects.
        var groups = filter.IsCountyWide
            ? (await BureauCountsQuery.ReadAsync(db, now, ct))
                .Select(g => (g.PostId, g.ItemCode, Red: wanted == Colour.Yellow ? 0 : g.Red, All: (wanted == Colour.Red ? 0 : g.Yellow) + (wanted == Colour.Yellow ? 0 : g.Red)))
                .Where(g => g.All > 0).ToList()
            : (await filtered.GroupBy(c => new { c.CurrentPostId, c.ItemCode })
                .Select(g => new { g.Key.CurrentPostId, g.Key.ItemCode, Red = g.Count(c => c.EarliestDueAt < now), All = g.Count() })
                .ToListAsync(ct)).Select(g => (PostId: g.CurrentPostId, g.ItemCode, g.Red, g.All)).ToList();
        var postJurisdiction = posts.ToDictionary(p => p.Id, p => p.JurisdictionId);
        var byJurisdiction = groups
            .GroupBy(g => g.PostId is not null && postJurisdiction.TryGetValue(g.PostId, out var j) ? j : "in-transit")
            .Select(g => new Count(g.Key, jurisdictions.GetValueOrDefault(g.Key, "移交途中"), g.Sum(x => x.All - x.Red), g.Sum(x => x.Red)))
            .OrderByDescending(c => c.Red).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
        var byItem = groups.GroupBy(g => g.ItemCode)
            .Select(g => new Count(g.Key, g.Key, g.Sum(x => x.All - x.Red), g.Sum(x => x.Red)))
            .OrderByDescending(c => c.Red).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();

        var page = await filtered.OrderBy(c => c.EarliestDueAt).Skip(Math.Max(0, offset)).Take(Math.Clamp(limit, 1, 500)).ToListAsync(ct);
        var ids = page.Select(c => c.Id).ToList();
        var firstRed = (await db.SupervisionItems.AsNoTracking().Where(s => ids.Contains(s.CaseId)).ToListAsync(ct))
            .GroupBy(s => s.CaseId).ToDictionary(g => g.Key, g => g.OrderBy(s => s.OpenedAt).First());
        var rows = page.Select(c => new Row(
            c.Id, c.Number, c.ItemCode, c.State, c.Stage, c.CurrentPostId, c.IntakeCommunityId, c.RegistrationTownshipId, c.OpenedAt, c.OverallDueAt, c.StageDueAt,
            ClockView.Worst(c, now)?.ToString() ?? "Green",
            firstRed.TryGetValue(c.Id, out var s) ? new RedHolder(s.Scope, s.JurisdictionId, s.PostId, s.HolderStaffId, s.HeldSince, s.OpenedAt) : null)).ToList();
        return TypedResults.Ok(new Answer(byJurisdiction.Sum(c => c.Yellow + c.Red), byJurisdiction, byItem, rows));
    }
}
