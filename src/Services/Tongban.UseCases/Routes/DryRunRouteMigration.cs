using Tongban.Workflows.Auditing;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Auditing;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Persistence;
using Tongban.Workflows.Routes;

namespace Tongban.UseCases.Routes;

/// <summary>Runs a plan's dry run again (the cases may have moved on); rows of cases it already moved stay. Audited.</summary>
public sealed class DryRunRouteMigration(TongbanDbContext db, RouteLibrary files, TimeProvider clock)
{
    public sealed record Request(Guid PlanId);

    public async Task<Outcome<RouteMigrationView>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        if (!await RouteAccess.AllowedAsync(db, actor, ct)) return Outcome.Forbidden<RouteMigrationView>(RouteAccess.Refusal);
        var plan = await db.Set<RouteMigrationPlan>().FindAsync([request.PlanId], ct);
        if (plan is null) return Outcome.NotFound<RouteMigrationView>(RouteMigrations.PlanNotFound);

        var library = await RouteStore.LoadAsync(db, files, ct);
        var now = clock.GetUtcNow();
        await RouteMigrations.DryRunAsync(db, plan, library.Find(plan.SourceRoute)!, library.Find(plan.TargetRoute)!, now, ct);
        AuditTrail.Append(db, new AuditEntry(now, actor.Id, AuditActions.RouteMigrationPlan, $"route-migration:{plan.Id}", AuditOutcomes.Ok, Detail: "dry run again"));
        await db.SaveChangesAsync(ct);
        return await RouteMigrations.ViewAsync(db, plan, ct);
    }
}
