using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Auditing;
using Tongban.Workflows.Catalog;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Routes;
using Tongban.Workflows.Runtime.Auditing;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.Routes;

/// <summary>
/// Points a catalogue item at a published route version: a new item version (the current spec with the new
/// <c>route</c>, its content hash covering the route's, its definition compiled from it) that new cases get; running
/// cases stay on theirs. Made the way the catalogue import makes versions (<see cref="CatalogImporter.AddVersionAsync"/>),
/// and remembered (item_route_choices) so the next import keeps it. The same route again changes nothing. Audited.
/// </summary>
public sealed class ChangeItemRoute(TongbanDbContext db, RouteLibrary files, TimeProvider clock)
{
    public const int MaxItemCodeLength = 40;
    public const int MaxRouteLength = 50;

    public sealed record Request(string? ItemCode, string? Route);

    /// <param name="Changed">False when the item's current version already follows this route.</param>
    public sealed record Result(string ItemCode, int Version, string Route, string DefinitionId, bool Changed);

    public async Task<Outcome<Result>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        if (!await RouteAccess.AllowedAsync(db, actor, ct)) return Outcome.Forbidden<Result>(RouteAccess.Refusal);
        var errors = new FieldErrors();
        var code = errors.Required("itemCode", request.ItemCode, MaxItemCodeLength, $"请填写事项编码（不超过 {MaxItemCodeLength} 个字符）。", oneLine: true);
        var reference = errors.Required("route", request.Route, MaxRouteLength, $"请填写路线及版本，如 cross-jurisdiction@2（不超过 {MaxRouteLength} 个字符）。", oneLine: true);
        if (reference is not null && !RouteReference.TryParse(reference, out _, out _)) errors.Add("route", "路线应写作“路线@版本”，如 cross-jurisdiction@2。");
        if (errors.Any) return errors.Outcome<Result>();

        var current = await db.ItemVersions.SingleOrDefaultAsync(v => v.Code == code && v.IsCurrent, ct);
        if (current is null) return Outcome.NotFound<Result>($"事项「{code}」不在事项清单中。");

        var library = await RouteStore.LoadAsync(db, files, ct);
        if (library.Find(reference!) is not { } route) return Outcome.Invalid<Result>("route", $"路线 {reference} 尚未发布。");
        var compiled = RouteCompiler.Compile(route, code!, current.Version + 1, library.Vocabulary);
        if (compiled.Definition is null)
        {
            return Outcome.Invalid<Result>("route", $"路线 {reference} 当前引擎暂不能运行：{string.Join("；", compiled.Errors.Select(e => e.ToString()))}");
        }

        var spec = JsonSerializer.Deserialize<ServiceItemSpec>(current.Spec, CatalogFile.Json)! with { Route = route.Reference };
        var now = clock.GetUtcNow();
        var added = await CatalogImporter.AddVersionAsync(db, spec, route, library.Vocabulary, current, now, ct);
        if (added is null) return new Result(current.Code, current.Version, route.Reference, current.DefinitionId, false);

        var choice = await db.Set<ItemRouteChoice>().SingleOrDefaultAsync(c => c.ItemCode == current.Code, ct);
        if (choice is null) db.Add(new ItemRouteChoice { ItemCode = current.Code, Route = route.Reference, ChosenBy = actor.Id, ChosenAt = now });
        else (choice.Route, choice.ChosenBy, choice.ChosenAt) = (route.Reference, actor.Id, now);
        AuditTrail.Append(db, new AuditEntry(now, actor.Id, AuditActions.ItemRouteChange, $"item:{current.Code}", AuditOutcomes.Ok,
            Detail: $"v{current.Version} -> v{added.Version}, route {route.Reference}"));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another administrator (or an import) made the item's next version first (unique code + version).
            db.ChangeTracker.Clear();
            return Outcome.Conflict<Result>($"事项「{code}」刚被他人更新，本次修改未生效，请刷新后重试。");
        }

        return new Result(added.Code, added.Version, route.Reference, added.DefinitionId, true);
    }
}
