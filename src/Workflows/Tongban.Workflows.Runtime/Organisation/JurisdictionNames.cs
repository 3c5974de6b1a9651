using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Runtime.Organisation;

/// <summary>
/// The jurisdictions' names for texts written inside a step's save (a resident's milestone notice names the intake
/// window and the township). A county has a few hundred jurisdictions: read whole, again after
/// <see cref="RefreshInterval"/> or when a name asked for is missing, so a renamed or new jurisdiction shows without
/// a restart, and a milestone costs no query of its own.
/// </summary>
public sealed class JurisdictionNames(TimeProvider clock)
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);

    private sealed record Snapshot(IReadOnlyDictionary<string, string> Names, DateTimeOffset ReadAt);

    private Snapshot? _snapshot;

    /// <summary>The names of <paramref name="ids"/>; an id with no jurisdiction stands for itself.</summary>
    public async Task<IReadOnlyList<string>> NamesAsync(TongbanDbContext db, IReadOnlyList<string> ids, CancellationToken ct)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is null || clock.GetUtcNow() - snapshot.ReadAt >= RefreshInterval || !ids.All(snapshot.Names.ContainsKey))
        {
            var names = await db.Jurisdictions.AsNoTracking().ToDictionaryAsync(j => j.Id, j => j.Name, StringComparer.Ordinal, ct);
            snapshot = new Snapshot(names, clock.GetUtcNow());
            Volatile.Write(ref _snapshot, snapshot);
        }

        return [.. ids.Select(id => snapshot.Names.GetValueOrDefault(id, id))];
    }
}
