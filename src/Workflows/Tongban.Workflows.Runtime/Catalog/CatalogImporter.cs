using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Catalog;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Runtime.Catalog;

/// <summary>
/// Loads the county's catalogue file into the database. An item whose content changed gets a new version
/// (with its own workflow definition) and becomes current; running cases keep the version they started with.
/// </summary>
public static class CatalogImporter
{
    public sealed record Result(int Added, int Unchanged);

    public static async Task<Result> ImportAsync(TongbanDbContext db, CatalogFile catalog, DateTimeOffset now, CancellationToken ct)
    {
        var current = await db.ItemVersions.Where(v => v.IsCurrent).ToDictionaryAsync(v => v.Code, ct);
        var added = 0;
        foreach (var item in catalog.Items)
        {
            var hash = CatalogFile.ContentHash(item);
            current.TryGetValue(item.Code, out var previous);
            if (previous?.ContentHash == hash) continue;

            var version = previous is null
                ? 1 + await db.ItemVersions.Where(v => v.Code == item.Code).Select(v => (int?)v.Version).MaxAsync(ct) ?? 1
                : previous.Version + 1;
            if (previous is not null) previous.IsCurrent = false;

            var definition = Routes.Build(item.Route, item.Code, version);
            db.ItemVersions.Add(new ServiceItemVersion
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
            });
            added++;
        }

        await db.SaveChangesAsync(ct);
        return new Result(added, catalog.Items.Count - added);
    }
}
