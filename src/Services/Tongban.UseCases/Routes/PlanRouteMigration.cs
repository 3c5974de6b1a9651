using System.Text.Json;
using System.Text.RegularExpressions;
using Tongban.Workflows.Auditing;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Routes;
using Tongban.Workflows.Runtime.Auditing;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.Routes;

/// <summary>
/// Makes a migration plan (source route@version, target route@version, node mapping { source node: target node })
/// and runs its dry run: every open case on an item version that follows the source route, as a move (from node →
/// to node) or refused with the reason (<see cref="MigrationPlanner"/>). Nothing moves yet; the plan keeps the dry
/// run for <see cref="ExecuteRouteMigration"/>. Audited.
/// </summary>
public sealed partial class PlanRouteMigration(TongbanDbContext db, RouteLibrary files, TimeProvider clock)
{
    public const int MaxRouteLength = 50;
    public const int MaxMappings = MigrationPlanner.MaxMappings;
    public const int MaxNodeIdLength = 40;

    /// <param name="Mapping">{ sourceNodeId (or transit state): targetNodeId }, at most <see cref="MaxMappings"/>.</param>
    public sealed record Request(string? SourceRoute, string? TargetRoute, IReadOnlyDictionary<string, string?>? Mapping);

    public async Task<Outcome<RouteMigrationView>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        if (!await RouteAccess.AllowedAsync(db, actor, ct)) return Outcome.Forbidden<RouteMigrationView>(RouteAccess.Refusal);

        var errors = new FieldErrors();
        var source = Reference(errors, "sourceRoute", request.SourceRoute);
        var target = Reference(errors, "targetRoute", request.TargetRoute);
        var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.Mapping is null || request.Mapping.Count == 0) errors.Add("mapping", "请至少填写一条节点映射（源节点 → 目标节点）。");
        else if (request.Mapping.Count > MaxMappings) errors.Add("mapping", $"节点映射不能超过 {MaxMappings} 条。");
        else
        {
            foreach (var (from, to) in request.Mapping)
            {
                var field = $"mapping.{(from.Length > MaxNodeIdLength ? from[..MaxNodeIdLength] : from)}";
                if (!NodeId().IsMatch(from) || to is null || !NodeId().IsMatch(to)) errors.Add(field, $"节点编号应为字母开头的字母和数字，不超过 {MaxNodeIdLength} 个字符。");
                else mapping[from] = to;
            }
        }

        if (errors.Any) return errors.Outcome<RouteMigrationView>();
        if (source == target) return Outcome.Invalid<RouteMigrationView>("targetRoute", "目标路线版本应与源路线版本不同。");

        var library = await RouteStore.LoadAsync(db, files, ct);
        if (library.Find(source!) is not { } sourceRoute) return Outcome.Invalid<RouteMigrationView>("sourceRoute", $"路线 {source} 尚未发布。");
        if (library.Find(target!) is not { } targetRoute) return Outcome.Invalid<RouteMigrationView>("targetRoute", $"路线 {target} 尚未发布。");

        var now = clock.GetUtcNow();
        var plan = new RouteMigrationPlan
        {
            Id = Guid.CreateVersion7(now), SourceRoute = source!, TargetRoute = target!, Mapping = JsonSerializer.Serialize(mapping, RouteMigrations.Json),
            CreatedBy = actor.Id, CreatedAt = now, DryRunAt = now,
        };
        db.Add(plan);
        await RouteMigrations.DryRunAsync(db, plan, sourceRoute, targetRoute, now, ct);
        AuditTrail.Append(db, new AuditEntry(now, actor.Id, AuditActions.RouteMigrationPlan, $"route-migration:{plan.Id}", AuditOutcomes.Ok, Detail: $"{source} -> {target}, {mapping.Count} mappings"));
        await db.SaveChangesAsync(ct);
        return await RouteMigrations.ViewAsync(db, plan, ct);
    }

    private static string? Reference(FieldErrors errors, string field, string? value)
    {
        var text = errors.Required(field, value, MaxRouteLength, $"请填写路线及版本，如 cross-jurisdiction@2（不超过 {MaxRouteLength} 个字符）。", oneLine: true);
        if (text is not null && !RouteReference.TryParse(text, out _, out _))
        {
            errors.Add(field, "路线应写作“路线@版本”，如 cross-jurisdiction@2。");
            return null;
        }

        return text;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,39}$")]
    private static partial Regex NodeId();
}
