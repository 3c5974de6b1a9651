using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Catalog;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Runtime.Catalog;

/// <summary>A loaded item version: its spec and the workflow definition cases of that version follow.</summary>
public sealed record LoadedItemVersion(Guid Id, ServiceItemSpec Spec, int Version, WorkflowDefinition Definition);

/// <summary>
/// Item versions never change once written, so they can be cached for the life of the process without
/// invalidation. Only "which version is current" changes, and that is always read from the database.
/// </summary>
public sealed class ItemVersionCache
{
    private readonly ConcurrentDictionary<Guid, LoadedItemVersion> _versions = new();

    public async Task<LoadedItemVersion> GetAsync(TongbanDbContext db, Guid versionId, CancellationToken ct)
    {
        if (_versions.TryGetValue(versionId, out var loaded)) return loaded;
        var row = await db.ItemVersions.AsNoTracking().SingleAsync(v => v.Id == versionId, ct);
        return _versions.GetOrAdd(versionId, _ => Load(row));
    }

    public async Task<LoadedItemVersion?> GetCurrentAsync(TongbanDbContext db, string itemCode, CancellationToken ct)
    {
        var id = await db.ItemVersions.Where(v => v.Code == itemCode && v.IsCurrent).Select(v => (Guid?)v.Id).SingleOrDefaultAsync(ct);
        return id is null ? null : await GetAsync(db, id.Value, ct);
    }

    public static LoadedItemVersion Load(ServiceItemVersion row) => new(
        row.Id,
        JsonSerializer.Deserialize<ServiceItemSpec>(row.Spec, CatalogFile.Json)!,
        row.Version,
        JsonSerializer.Deserialize<WorkflowDefinition>(row.Definition, CatalogFile.Json)!);
}
