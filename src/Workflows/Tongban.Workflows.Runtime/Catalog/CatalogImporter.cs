using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Catalog;
using Tongban.Workflows.Routes;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Runtime.Catalog;

/// <summary>
/// Loads the county's catalogue file into the database. An item whose content changed gets a new version
/// (with its own workflow definition, compiled from the route file it names) and becomes current; running cases
/// keep the version they started with. An item's content is its spec and its route's, so a changed route file
/// makes new versions of the items on it.
/// </summary>
public static class CatalogImporter
{
    public sealed record Result(int Added, int Unchanged);

    /// <param name="routes">The route files (data/routes): seeded into route_versions, then merged with what administrators published.</param>
    public static async Task<Result> ImportAsync(TongbanDbContext db, CatalogFile catalog, RouteLibrary routes, DateTimeOffset now, CancellationToken ct)
    {
        var library = await RouteStore.SeedAsync(db, routes, now, ct);

        // An item an administrator pointed at another route version keeps that choice (ChangeItemRoute).
        var choices = await db.Set<ItemRouteChoice>().AsNoTracking().ToDictionaryAsync(c => c.ItemCode, c => c.Route, ct);
        catalog = catalog with { Items = [.. catalog.Items.Select(i => choices.TryGetValue(i.Code, out var chosen) ? i with { Route = chosen } : i)] };

        // Every item's route is checked before anything is written, so a bad route leaves the catalogue as it was.
        var problems = catalog.RouteProblems(library);
        if (problems.Count > 0) throw new FormatException("catalogue is invalid:\n" + string.Join("\n", problems));

        var current = await db.ItemVersions.Where(v => v.IsCurrent).ToDictionaryAsync(v => v.Code, ct);
        var added = 0;
        foreach (var item in catalog.Items)
        {
            current.TryGetValue(item.Code, out var previous);
            if (await AddVersionAsync(db, item, library.Find(item.Route)!, library.Vocabulary, previous, now, ct) is not null) added++;
        }

        await db.SaveChangesAsync(ct);
        return new Result(added, catalog.Items.Count - added);
    }

    /// <summary>
    /// Stages a new version of an item when its content (spec and route) differs from <paramref name="previous"/>,
    /// the item's current version, and makes it current; null when nothing changed. The one way item versions are
    /// made: by the import and by an administrator's route change.
    /// </summary>
    public static async Task<ServiceItemVersion?> AddVersionAsync(
        TongbanDbContext db, ServiceItemSpec item, RouteFile route, RouteVocabulary vocabulary, ServiceItemVersion? previous, DateTimeOffset now, CancellationToken ct)
    {
        var hash = CatalogFile.ContentHash(item, route);
        if (previous?.ContentHash == hash) return null;

        var version = previous is null
            ? 1 + await db.ItemVersions.Where(v => v.Code == item.Code).Select(v => (int?)v.Version).MaxAsync(ct) ?? 1
            : previous.Version + 1;
        if (previous is not null) previous.IsCurrent = false;

        var definition = RouteCompiler.Compile(route, item.Code, version, vocabulary).DefinitionOrThrow();
        var row = new ServiceItemVersion
        {
            Id = Guid.CreateVersion7(now),
            Code = item.Code,
            Version = version,
            Name = item.Name,
            PinyinInitials = item.PinyinInitials,
            IsCurrent = true,
            ContentHash = hash,
            Spec = JsonSerializer.Serialize(item, CatalogFile.Json),
            DefinitionId = definition.Id,
            Definition = JsonSerializer.Serialize(definition, CatalogFile.Json),
            ImportedAt = now,
        };
        db.ItemVersions.Add(row);
        return row;
    }
}
