using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.Organisation;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.Pages.Infrastructure;

/// <summary>
/// Names of jurisdictions, posts and staff for display, cached briefly (they change rarely, and pages show
/// them on every row). Who holds a post <em>now</em> is not taken from here for decisions: the engine reads it.
/// </summary>
public sealed class OrgDirectory(IServiceScopeFactory scopes, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _lock = new(1, 1);
    private Snapshot? _snapshot;

    public sealed record PostInfo(string Id, string Name, string JurisdictionId, PostRole Role, string PrimaryHolderId, string BackupHolderId);

    public sealed record Snapshot(
        string CountyName,
        IReadOnlyDictionary<string, Jurisdiction> Jurisdictions,
        IReadOnlyDictionary<string, PostInfo> Posts,
        IReadOnlyDictionary<string, string> StaffNames,
        DateTimeOffset LoadedAt)
    {
        public string JurisdictionName(string? id) => id is not null && Jurisdictions.TryGetValue(id, out var j) ? j.Name : id ?? "—";

        public string PostName(string? id) => id is not null && Posts.TryGetValue(id, out var p) ? p.Name : id ?? "—";

        /// <summary>Staff display name with the username, or the node name for a hand-off received by a node.</summary>
        public string StaffName(string? id) => id switch
        {
            null => "—",
            _ when id.StartsWith("node:", StringComparison.Ordinal) => "系统（移交接收）",
            _ => StaffNames.TryGetValue(id, out var name) ? name : id,
        };

        public IEnumerable<Jurisdiction> OfKind(JurisdictionKind kind) =>
            Jurisdictions.Values.Where(j => j.Kind == kind).OrderBy(j => j.Code, StringComparer.Ordinal);
    }

    public async Task<Snapshot> GetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_snapshot is { } s && now - s.LoadedAt < Lifetime) return s;
        await _lock.WaitAsync(ct);
        try
        {
            if (_snapshot is { } again && now - again.LoadedAt < Lifetime) return again;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
            var jurisdictions = await db.Jurisdictions.AsNoTracking().ToDictionaryAsync(j => j.Id, ct);
            var posts = await db.Posts.AsNoTracking()
                .Select(p => new PostInfo(p.Id, p.Name, p.JurisdictionId, p.Role, p.PrimaryHolderId, p.BackupHolderId))
                .ToDictionaryAsync(p => p.Id, ct);
            var staff = await db.Staff.AsNoTracking().Select(x => new { x.Id, x.DisplayName }).ToDictionaryAsync(x => x.Id, x => x.DisplayName, ct);
            var county = jurisdictions.Values.FirstOrDefault(j => j.Kind == JurisdictionKind.County)?.Name ?? "";
            return _snapshot = new Snapshot(county, jurisdictions, posts, staff, now);
        }
        finally
        {
            _lock.Release();
        }
    }
}
