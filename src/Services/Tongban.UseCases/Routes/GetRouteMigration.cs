using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.Routes;

/// <summary>A migration plan with what it did or would do to each case. Read-only.</summary>
public sealed class GetRouteMigration(TongbanDbContext db)
{
    public sealed record Request(Guid PlanId);

    public async Task<Outcome<RouteMigrationView>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        if (!await RouteAccess.AllowedAsync(db, actor, ct)) return Outcome.Forbidden<RouteMigrationView>(RouteAccess.Refusal);
        var plan = await db.Set<RouteMigrationPlan>().FindAsync([request.PlanId], ct);
        return plan is null ? Outcome.NotFound<RouteMigrationView>(RouteMigrations.PlanNotFound) : await RouteMigrations.ViewAsync(db, plan, ct);
    }
}
