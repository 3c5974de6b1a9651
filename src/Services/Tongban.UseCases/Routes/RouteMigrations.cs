using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Catalog;
using Tongban.Workflows.Routes;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.Routes;

/// <summary>A migration plan and what it does to each case (the dry run's moves and refusals, then what executing did).</summary>
public sealed record RouteMigrationView(
    Guid Id, string SourceRoute, string TargetRoute, IReadOnlyDictionary<string, string> Mapping, string CreatedBy, DateTimeOffset CreatedAt,
    DateTimeOffset DryRunAt, DateTimeOffset? ExecutedAt, IReadOnlyList<RouteMigrationView.CaseRow> Cases, int MovedNow, int ConflictsNow)
{
    /// <param name="Status">planned (the dry run's move), refused, moved, conflict (changed since the dry run).</param>
    public sealed record CaseRow(Guid CaseId, string Number, string From, string? To, string Status, string? Reason);

    public int Planned => Cases.Count(c => c.Status == RouteMigrationCase.Planned);
    public int Refused => Cases.Count(c => c.Status == RouteMigrationCase.Refused);
    public int Moved => Cases.Count(c => c.Status == RouteMigrationCase.Moved);
    public int Conflicts => Cases.Count(c => c.Status == RouteMigrationCase.Conflict);
}

/// <summary>What the migration use cases share: finding the cases on a route, the dry run, the view.</summary>
internal static class RouteMigrations
{
    public const string PlanNotFound = "迁移计划不存在。";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The versions of every item whose spec names <paramref name="route"/> (id, item code, version, current).</summary>
    public static async Task<List<ServiceItemVersion>> ItemVersionsOnAsync(TongbanDbContext db, string route, CancellationToken ct)
    {
        var rows = await db.ItemVersions.AsNoTracking().ToListAsync(ct);
        return [.. rows.Where(r => JsonSerializer.Deserialize<ServiceItemSpec>(r.Spec, CatalogFile.Json)!.Route == route)];
    }

    public static IReadOnlyDictionary<string, string> MappingOf(RouteMigrationPlan plan) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(plan.Mapping, Json) ?? [];

    /// <summary>
    /// Plans every open case on the source route afresh (<see cref="MigrationPlanner"/>) and stores the answer per
    /// case; cases the plan already moved keep their row. Closed cases are not read.
    /// </summary>
    public static async Task DryRunAsync(TongbanDbContext db, RouteMigrationPlan plan, RouteFile source, RouteFile target, DateTimeOffset now, CancellationToken ct)
    {
        var versionIds = (await ItemVersionsOnAsync(db, plan.SourceRoute, ct)).Select(v => v.Id).ToList();
        var cases = await db.Cases.AsNoTracking().Where(c => versionIds.Contains(c.ItemVersionId) && c.ClosedAt == null)
            .Select(c => new MigrationCase(c.Id, c.Number, c.State, c.Version, false, 0)).ToListAsync(ct);
        // A case with branch tasks (case_tasks, 并联办理) open or on their way is refused (MigrationRefusal.InParallelBranches).
        var caseIds = cases.Select(c => c.CaseId).ToList();
        var open = await db.CaseTasks.AsNoTracking()
            .Where(t => caseIds.Contains(t.CaseId) && (t.Status == Tongban.Workflows.Cases.BranchTaskStatus.Open || t.Status == Tongban.Workflows.Cases.BranchTaskStatus.InTransit))
            .GroupBy(t => t.CaseId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        cases = [.. cases.Select(c => c with { OpenBranchTasks = open.GetValueOrDefault(c.CaseId) })];
        var result = MigrationPlanner.Plan(source, target, MappingOf(plan), cases);

        var rows = await db.Set<RouteMigrationCase>().Where(r => r.PlanId == plan.Id).ToListAsync(ct);
        db.RemoveRange(rows.Where(r => r.Status != RouteMigrationCase.Moved));
        var moved = rows.Where(r => r.Status == RouteMigrationCase.Moved).Select(r => r.CaseId).ToHashSet();
        foreach (var m in result.Moves.Where(m => !moved.Contains(m.CaseId)))
        {
            db.Add(new RouteMigrationCase { PlanId = plan.Id, CaseId = m.CaseId, Number = m.Number, CaseVersion = m.Version, FromState = m.From, ToState = m.To, Status = RouteMigrationCase.Planned, At = now });
        }

        foreach (var r in result.Refused.Where(r => !moved.Contains(r.CaseId)))
        {
            db.Add(new RouteMigrationCase
            {
                PlanId = plan.Id, CaseId = r.CaseId, Number = r.Number, CaseVersion = r.Version, FromState = r.State,
                ToState = MappingOf(plan).GetValueOrDefault(r.State), Status = RouteMigrationCase.Refused, Reason = Cut($"{r.Reason}: {r.Message}"), At = now,
            });
        }

        plan.DryRunAt = now;
    }

    public static async Task<RouteMigrationView> ViewAsync(TongbanDbContext db, RouteMigrationPlan plan, CancellationToken ct, int movedNow = 0, int conflictsNow = 0)
    {
        var rows = await db.Set<RouteMigrationCase>().AsNoTracking().Where(r => r.PlanId == plan.Id).ToListAsync(ct);
        return new RouteMigrationView(
            plan.Id, plan.SourceRoute, plan.TargetRoute, MappingOf(plan), plan.CreatedBy, plan.CreatedAt, plan.DryRunAt, plan.ExecutedAt,
            [.. rows.OrderBy(r => r.Number, StringComparer.Ordinal).Select(r => new RouteMigrationView.CaseRow(r.CaseId, r.Number, r.FromState, r.ToState, r.Status, r.Reason))],
            movedNow, conflictsNow);
    }

    public static string Cut(string text) => text.Length > 300 ? text[..300] : text;
}
