using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Routes;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Runtime.Catalog;

/// <summary>
/// The published route versions (route_versions), seeded from the route files: what every process of a deployment
/// sees, so a version an administrator publishes through one gateway is known to all of them.
/// </summary>
public static class RouteStore
{
    /// <summary>SHA-256 of a route's canonical JSON, hex (what <see cref="RouteVersion.ContentHash"/> holds).</summary>
    public static string Hash(string canonicalJson) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalJson)));

    /// <summary>
    /// Every route version: the published rows, and the route files not yet seeded (a database the import has not
    /// reached). A row that no longer validates (say, it names a department this process is not configured with) is
    /// left out rather than hiding all the others.
    /// </summary>
    public static async Task<RouteLibrary> LoadAsync(TongbanDbContext db, RouteLibrary files, CancellationToken ct)
    {
        var rows = await db.Set<RouteVersion>().AsNoTracking().ToListAsync(ct);
        return Merge(rows, files, filesWin: false);
    }

    /// <summary>
    /// Stages the seed rows for the route files (inserting new ones; a seed row follows its file when the file was
    /// edited) and answers the merged library. A file that names a version an administrator published with other
    /// content stops the import, naming the route: published versions never change.
    /// </summary>
    public static async Task<RouteLibrary> SeedAsync(TongbanDbContext db, RouteLibrary files, DateTimeOffset now, CancellationToken ct)
    {
        var rows = await db.Set<RouteVersion>().ToListAsync(ct);
        var problems = new List<string>();
        foreach (var route in files.All)
        {
            var canonical = route.CanonicalJson();
            var hash = Hash(canonical);
            var row = rows.FirstOrDefault(r => r.RouteId == route.Id && r.Version == route.Version);
            if (row is null)
            {
                row = new RouteVersion
                {
                    Id = Guid.CreateVersion7(now), RouteId = route.Id, Version = route.Version, Name = route.Name,
                    CanonicalJson = canonical, ContentHash = hash, PublishedBy = RouteVersion.FromFiles, PublishedAt = now,
                };
                db.Add(row);
                rows.Add(row);
            }
            else if (row.ContentHash != hash && row.PublishedBy == RouteVersion.FromFiles)
            {
                (row.Name, row.CanonicalJson, row.ContentHash, row.PublishedAt) = (route.Name, canonical, hash, now);
            }
            else if (row.ContentHash != hash)
            {
                problems.Add($"{RouteReference.FileName(route.Id, route.Version)}: route {route.Reference} was published by {row.PublishedBy} with other content; a published version never changes, give the file the next version");
            }
        }

        if (problems.Count > 0) throw new FormatException("routes are invalid:\n" + string.Join("\n", problems));
        return Merge(rows, files, filesWin: true);
    }

    private static RouteLibrary Merge(IReadOnlyList<RouteVersion> rows, RouteLibrary files, bool filesWin)
    {
        var routes = new Dictionary<string, RouteFile>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            RouteFile route;
            try
            {
                route = RouteFile.Parse(row.CanonicalJson);
            }
            catch (FormatException)
            {
                continue;
            }

            if (RouteValidator.Validate(route, files.Vocabulary).Count == 0 && route.Id == row.RouteId && route.Version == row.Version) routes[route.Reference] = route;
        }

        foreach (var route in files.All)
        {
            if (filesWin) routes[route.Reference] = route;
            else routes.TryAdd(route.Reference, route);
        }

        return RouteLibrary.FromFiles(routes.Values.Select(r => (RouteReference.FileName(r.Id, r.Version), r.CanonicalJson())), files.Vocabulary);
    }
}
