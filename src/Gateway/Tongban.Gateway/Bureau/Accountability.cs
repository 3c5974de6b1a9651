using Microsoft.EntityFrameworkCore;
using Tongban.Gateway.Auth;
using Tongban.Gateway.Problems;
using Tongban.Workflows.Clocks;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.Bureau;

/// <summary>
/// GET /api/bureau/accountability: 责任追究 for every case that went overdue — each expired period (overall or a
/// stage) with who held the case, at which post and stage, since when, and whether an extension or a stopped clock
/// applied. Read from the supervision items opened when the periods expired.
/// </summary>
public static class Accountability
{
    public sealed record Period(string Scope, string ScopeLabel, string State, string JurisdictionId, string PostId, string HolderStaffId, DateTimeOffset HeldSince, DateTimeOffset DueAt, DateTimeOffset TurnedRedAt, string Level, bool ExtensionApplied, bool ClockWasStopped, DateTimeOffset? ClosedAt);

    public sealed record Row(Guid CaseId, string Number, string ItemCode, string RegistrationTownshipId, DateTimeOffset? OverdueAt, int ExtensionDays, bool Completed, IReadOnlyList<Period> Periods);

    public static void MapAccountability(this RouteGroupBuilder api) =>
        api.MapGet("/bureau/accountability", HandleAsync)
            .WithTags("Bureau")
            .WithSummary("Every case that went overdue: who held it, at which stage, since when, and whether an extension or stopped clock applied. Bureau supervisors only.")
            .Produces<List<Row>>()
            .ProducesProblem(StatusCodes.Status403Forbidden);

    private static async Task<IResult> HandleAsync(StaffActors staff, TongbanDbContext db, CancellationToken ct, string? jurisdiction = null, int limit = 200)
    {
        var actor = await staff.CurrentAsync(ct);
        if (actor.Posts.All(p => p.Role != PostRole.BureauSupervisor)) return CaseProblems.Forbidden("责任追究查询仅限行政审批局督办岗位。");

        var items = db.SupervisionItems.AsNoTracking();
        if (jurisdiction is { Length: > 0 }) items = items.Where(s => s.JurisdictionId == jurisdiction);
        var rows = await items.OrderBy(s => s.OpenedAt).Take(Math.Clamp(limit, 1, 2000) * 4).ToListAsync(ct);
        var ids = rows.Select(s => s.CaseId).Distinct().ToList();
        var cases = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.Number, c.ItemCode, c.RegistrationTownshipId, c.OverdueAt, c.ExtensionDays, c.CompletedAt }).ToDictionaryAsync(c => c.Id, ct);
        return TypedResults.Ok(rows.GroupBy(s => s.CaseId).Take(Math.Clamp(limit, 1, 2000)).Select(g =>
        {
            var c = cases[g.Key];
            return new Row(c.Id, c.Number, c.ItemCode, c.RegistrationTownshipId, c.OverdueAt, c.ExtensionDays, c.CompletedAt is not null, [.. g.Select(ToPeriod)]);
        }).ToList());
    }

    private static Period ToPeriod(SupervisionItem s) => new(
        s.Scope, s.Scope == TimerSchedule.Overall ? "办理时限" : Stages.Label(s.Scope), s.State, s.JurisdictionId, s.PostId, s.HolderStaffId, s.HeldSince, s.DueAt, s.OpenedAt,
        s.Level.ToString(), s.ExtensionApplied, s.ClockWasStopped, s.ClosedAt);
}
