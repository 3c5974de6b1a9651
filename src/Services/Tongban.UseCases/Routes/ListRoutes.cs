using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Catalog;
using Tongban.Workflows.Routes;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.Routes;

/// <summary>
/// The published route versions (route_versions, seeded from the route files), each with the current catalogue items that name it and, for a
/// route the engine cannot run yet, why not (naming the node). Read-only.
/// </summary>
public sealed class ListRoutes(TongbanDbContext db, RouteLibrary routes)
{
    public sealed record RouteEntry(string Reference, string Id, int Version, string Name, int Nodes, int Edges, IReadOnlyList<string> Items, IReadOnlyList<RouteError> NotExecutable, RouteFile Route);

    public sealed record Request;

    public async Task<Outcome<IReadOnlyList<RouteEntry>>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        if (!await RouteAccess.AllowedAsync(db, actor, ct)) return Outcome.Forbidden<IReadOnlyList<RouteEntry>>(RouteAccess.Refusal);

        var specs = await db.ItemVersions.AsNoTracking().Where(v => v.IsCurrent).OrderBy(v => v.Code).Select(v => new { v.Code, v.Spec }).ToListAsync(ct);
        var itemsByRoute = specs
            .Select(s => (s.Code, JsonSerializer.Deserialize<ServiceItemSpec>(s.Spec, CatalogFile.Json)!.Route))
            .ToLookup(s => s.Route, s => s.Code, StringComparer.Ordinal);
        var published = await RouteStore.LoadAsync(db, routes, ct);
        return new Outcome<IReadOnlyList<RouteEntry>>.Ok([.. published.All.Select(r => new RouteEntry(
            r.Reference, r.Id, r.Version, r.Name, r.Nodes.Count, r.Edges.Count, [.. itemsByRoute[r.Reference]],
            RouteCompiler.Compile(r, "CHECK", 1, routes.Vocabulary).Errors, r))]);
    }
}
