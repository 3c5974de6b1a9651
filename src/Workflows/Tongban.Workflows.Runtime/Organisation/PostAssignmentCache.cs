using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Runtime.Organisation;

/// <summary>
/// Each staff member's post assignments for a county day (<see cref="PostRegister.AssignmentsAsync"/>), and the posts
/// of each jurisdiction (<see cref="PostsOfAsync"/>), kept for <c>Auth:PostCacheSeconds</c> (5 s; 0 turns the cache
/// off): a desk refreshing its work queue every few seconds does not read the posts and the absence register three
/// times per request, and a step or a hand-off does not read its jurisdictions' posts again. A save in this process that
/// touches posts or absences forgets every entry when it commits (<see cref="PostAssignmentCacheInterceptor"/>), so
/// a registered absence applies at once here; a change made by another process (a second gateway) applies within the
/// cache time, like the staff row (<c>Auth:StaffCacheSeconds</c>).
/// </summary>
public sealed class PostAssignmentCache(TimeProvider clock, IConfiguration configuration)
{
    // Keys are staff ids the key ring accepted (at most the staff, times a day change); the bound is a backstop.
    private const int MaxCached = 10_000;

    private readonly ConcurrentDictionary<(string StaffId, DateOnly Day), Entry> _entries = new();
    private readonly ConcurrentDictionary<string, JurisdictionPosts> _jurisdictions = new(StringComparer.Ordinal);
    private readonly TimeSpan _cacheTime = TimeSpan.FromSeconds(configuration.GetValue("Auth:PostCacheSeconds", 5.0));
    private long _generation;

    private sealed record Entry(IReadOnlyList<PostAssignment> Posts, DateTimeOffset ReadAt);

    private sealed record JurisdictionPosts(IReadOnlyList<CasePost> Posts, DateTimeOffset ReadAt);

    public async Task<IReadOnlyList<PostAssignment>> AssignmentsAsync(TongbanDbContext db, string staffId, DateOnly today, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var key = (staffId, today);
        if (_cacheTime > TimeSpan.Zero && _entries.TryGetValue(key, out var cached) && now - cached.ReadAt < _cacheTime) return cached.Posts;

        var generation = Interlocked.Read(ref _generation);
        IReadOnlyList<PostAssignment> posts = [.. await PostRegister.AssignmentsAsync(db, staffId, today, ct)];
        if (_cacheTime <= TimeSpan.Zero) return posts;

        if (_entries.Count >= MaxCached) _entries.Clear();
        _entries[key] = new Entry(posts, now);
        // A change that committed while this read ran may be missing from it: do not keep it.
        if (Interlocked.Read(ref _generation) != generation) _entries.TryRemove(key, out _);
        return posts;
    }

    /// <summary>
    /// The posts of the given jurisdictions (a case's community and township, or the one a hand-off goes to): the
    /// decider names the next holder among them, a node receives at one of them.
    /// </summary>
    public async Task<IReadOnlyList<CasePost>> PostsOfAsync(TongbanDbContext db, string first, string second, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_cacheTime > TimeSpan.Zero && Fresh(first, now) is { } a && Fresh(second, now) is { } b) return first == second ? a : [.. a, .. b];

        var generation = Interlocked.Read(ref _generation);
        var posts = await db.Posts.AsNoTracking().Where(p => p.JurisdictionId == first || p.JurisdictionId == second)
            .Select(p => new CasePost(p.Id, p.JurisdictionId, p.Role)).ToListAsync(ct);
        if (_cacheTime <= TimeSpan.Zero) return posts;

        if (_jurisdictions.Count >= MaxCached) _jurisdictions.Clear();
        _jurisdictions[first] = new JurisdictionPosts(posts.Where(p => p.JurisdictionId == first).ToArray(), now);
        _jurisdictions[second] = new JurisdictionPosts(posts.Where(p => p.JurisdictionId == second).ToArray(), now);
        if (Interlocked.Read(ref _generation) != generation) _jurisdictions.Clear();
        return posts;
    }

    private IReadOnlyList<CasePost>? Fresh(string jurisdiction, DateTimeOffset now) =>
        _jurisdictions.TryGetValue(jurisdiction, out var cached) && now - cached.ReadAt < _cacheTime ? cached.Posts : null;

    /// <summary>Posts or absences changed: every entry is stale.</summary>
    public void Forget()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
        _jurisdictions.Clear();
    }
}
