using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Auditing;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Routes;
using Tongban.Workflows.Runtime.Auditing;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.Routes;

/// <summary>
/// Executes a migration plan's dry run: each planned case moves to the latest version of its item that follows the
/// target route (made through <see cref="ChangeItemRoute"/> when there is none), its state to the mapped node, held by
/// the post of that node's participant on the case's side; one journal entry (<c>Migrate</c>) and one audit line
/// each, one transaction per case. A case that changed since the dry run (its version, state or item version) is
/// refused and reported as a conflict, not moved. Moved cases are never moved again: executing twice moves nothing
/// the second time.
/// </summary>
public sealed class ExecuteRouteMigration(TongbanDbContext db, RouteLibrary files, ChangeItemRoute changeItemRoute, TimeProvider clock)
{
    public sealed record Request(Guid PlanId);

    public async Task<Outcome<RouteMigrationView>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        if (!await RouteAccess.AllowedAsync(db, actor, ct)) return Outcome.Forbidden<RouteMigrationView>(RouteAccess.Refusal);
        var plan = await db.Set<RouteMigrationPlan>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == request.PlanId, ct);
        if (plan is null) return Outcome.NotFound<RouteMigrationView>(RouteMigrations.PlanNotFound);

        var library = await RouteStore.LoadAsync(db, files, ct);
        var target = library.Find(plan.TargetRoute)!;
        var sourceVersions = (await RouteMigrations.ItemVersionsOnAsync(db, plan.SourceRoute, ct)).Select(v => v.Id).ToHashSet();
        var planned = await db.Set<RouteMigrationCase>().AsNoTracking().Where(r => r.PlanId == plan.Id && r.Status == RouteMigrationCase.Planned).ToListAsync(ct);
        var targets = new Dictionary<string, ServiceItemVersion>(StringComparer.Ordinal);
        int moved = 0, conflicts = 0;
        foreach (var row in planned.OrderBy(r => r.Number, StringComparer.Ordinal))
        {
            db.ChangeTracker.Clear();
            var @case = await db.Cases.SingleOrDefaultAsync(c => c.Id == row.CaseId, ct);
            var tracked = await db.Set<RouteMigrationCase>().SingleAsync(r => r.PlanId == row.PlanId && r.CaseId == row.CaseId, ct);
            // Another execution of the plan got here first (moved it, or found it changed): nothing to do.
            if (tracked.Status != RouteMigrationCase.Planned) continue;
            var now = clock.GetUtcNow();
            string? Changed(Case? c) => c is null ? "案件不存在。"
                : c.Version != row.CaseVersion || c.State != row.FromState || !sourceVersions.Contains(c.ItemVersionId) || c.ClosedAt is not null
                    ? $"案件在试运行后已变动（试运行时第 {row.CaseVersion} 版 {row.FromState}，现为第 {c.Version} 版 {c.State}），未迁移；请重新试运行。"
                    : null;
            var refusal = Changed(@case);
            if (refusal is null)
            {
                if (!targets.TryGetValue(@case!.ItemCode, out var itemVersion))
                {
                    var found = await TargetVersionAsync(@case.ItemCode, plan.TargetRoute, actor, ct);
                    if (found.Version is null) refusal = found.Refusal;
                    else targets[@case.ItemCode] = itemVersion = found.Version;
                    db.ChangeTracker.Clear();
                    @case = await db.Cases.SingleAsync(c => c.Id == row.CaseId, ct);
                    tracked = await db.Set<RouteMigrationCase>().SingleAsync(r => r.PlanId == row.PlanId && r.CaseId == row.CaseId, ct);
                    if (tracked.Status != RouteMigrationCase.Planned) continue;
                    refusal ??= Changed(@case);
                }

                if (itemVersion is not null && refusal is null)
                {
                    try
                    {
                        await MoveAsync(@case, itemVersion, plan, target, row.ToState!, actor, now, ct);
                        (tracked.Status, tracked.Reason, tracked.At) = (RouteMigrationCase.Moved, null, now);
                        await db.SaveChangesAsync(ct);
                        moved++;
                        continue;
                    }
                    catch (DbUpdateException e) when (LostRace.Is(e))
                    {
                        db.ChangeTracker.Clear();
                        tracked = await db.Set<RouteMigrationCase>().SingleAsync(r => r.PlanId == row.PlanId && r.CaseId == row.CaseId, ct);
                        if (tracked.Status != RouteMigrationCase.Planned) continue;
                        refusal = "案件在迁移时被他人更新，未迁移；请重新试运行。";
                    }
                }
            }

            (tracked.Status, tracked.Reason, tracked.At) = (RouteMigrationCase.Conflict, RouteMigrations.Cut(refusal!), now);
            await db.SaveChangesAsync(ct);
            conflicts++;
        }

        db.ChangeTracker.Clear();
        var stored = await db.Set<RouteMigrationPlan>().SingleAsync(p => p.Id == plan.Id, ct);
        var at = clock.GetUtcNow();
        stored.ExecutedAt ??= at;
        AuditTrail.Append(db, new AuditEntry(at, actor.Id, AuditActions.RouteMigrationExecute, $"route-migration:{plan.Id}", AuditOutcomes.Ok,
            Detail: $"{plan.SourceRoute} -> {plan.TargetRoute}: {moved} moved, {conflicts} changed since the dry run"));
        await db.SaveChangesAsync(ct);
        return await RouteMigrations.ViewAsync(db, stored, ct, moved, conflicts);
    }

    /// <summary>The latest version of the item that follows the target route; made (and made current) through <see cref="ChangeItemRoute"/> when there is none.</summary>
    private async Task<(ServiceItemVersion? Version, string? Refusal)> TargetVersionAsync(string itemCode, string targetRoute, Actor actor, CancellationToken ct)
    {
        ServiceItemVersion? Latest(List<ServiceItemVersion> versions) => versions.Where(v => v.Code == itemCode).OrderByDescending(v => v.IsCurrent).ThenByDescending(v => v.Version).FirstOrDefault();
        if (Latest(await RouteMigrations.ItemVersionsOnAsync(db, targetRoute, ct)) is { } existing) return (existing, null);

        var changed = await changeItemRoute.HandleAsync(new(itemCode, targetRoute), actor, ct);
        db.ChangeTracker.Clear();
        // Made now, or by another execution of the plan at the same time (which this one then lost to: 409).
        if (Latest(await RouteMigrations.ItemVersionsOnAsync(db, targetRoute, ct)) is { } made) return (made, null);
        if (changed is not Outcome<ChangeItemRoute.Result>.Ok)
        {
            var reason = changed switch
            {
                Outcome<ChangeItemRoute.Result>.Invalid i => string.Join("；", i.Errors.SelectMany(e => e.Value)),
                Outcome<ChangeItemRoute.Result>.Conflict c => c.Reason,
                Outcome<ChangeItemRoute.Result>.NotFound n => n.Reason,
                Outcome<ChangeItemRoute.Result>.Forbidden f => f.Reason,
                _ => "事项版本未能建立。",
            };
            return (null, $"事项「{itemCode}」没有使用 {targetRoute} 的版本，也未能建立：{reason}");
        }

        return (null, $"事项「{itemCode}」没有使用 {targetRoute} 的版本。");
    }

    private async Task MoveAsync(Case @case, ServiceItemVersion itemVersion, RouteMigrationPlan plan, RouteFile target, string toNode, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var node = target.Node(toNode)!;
        var role = node.Participant is { } participant ? Participants.RoleOf(participant) : null;
        var jurisdiction = role is { } r ? @case.Location.JurisdictionFor(r) : @case.IntakeCommunityId;
        var holder = role is { } held
            ? await db.Posts.AsNoTracking().Where(p => p.Role == held && p.JurisdictionId == jurisdiction).Select(p => p.Id).FirstOrDefaultAsync(ct)
            : null;
        var from = @case.State;
        @case.MigrateTo(itemVersion.Id, itemVersion.Version, itemVersion.DefinitionId, toNode, holder, closes: node.Kind == NodeKinds.End, now);

        var text = $"migrated from {plan.SourceRoute} node {from} to {plan.TargetRoute} node {toNode} by plan {plan.Id}";
        db.CaseHistory.Add(new CaseHistoryEntry
        {
            Id = Guid.CreateVersion7(now),
            CaseId = @case.Id,
            Sequence = @case.Version,
            Action = CaseAction.Migrate,
            FromState = from,
            ToState = toNode,
            ActorId = actor.Id,
            ActorName = actor.DisplayName,
            PostId = holder ?? "route-migration",
            JurisdictionId = jurisdiction,
            At = now,
        });
        AuditTrail.Append(db, AuditEntry.ForCase(now, actor.Id, AuditActions.Case(nameof(CaseAction.Migrate)), @case.Id, detail: text));
    }
}
