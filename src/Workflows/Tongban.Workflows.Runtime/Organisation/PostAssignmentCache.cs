using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Runtime.Organisation;

/// <summary>
/// Each staff member's post assignments for a county day (<see cref="PostRegister.AssignmentsAsync"/>), kept for
/// <c>Auth:PostCacheSeconds</c> (5 s; 0 turns the cache off) so that a desk refreshing its work queue every few
/// seconds does not read the posts and the absence register three times per request. A save in this process that
/// touches posts or absences forgets every entry when it commits (<see cref="PostAssignmentCacheInterceptor"/>), so
/// a registered absence applies at once here; a change made by another process (a second gateway) applies within the
/// cache time, like the staff row (<c>Auth:StaffCacheSeconds</c>).
/// </summary>
public sealed class PostAssignmentCache(TimeProvider clock, IConfiguration configuration)
{
    // Keys are staff ids the key ring accepted (at most the staff, times a day change); the bound is a backstop.
    private const int MaxCached = 10_000;

    private readonly ConcurrentDictionary<(string StaffId, DateOnly Day), Entry> _entries = new();
    private readonly TimeSpan _cacheTime = TimeSpan.FromSeconds(configuration.GetValue("Auth:PostCacheSeconds", 5.0));
    private long _generation;

    private sealed record Entry(IReadOnlyList<PostAssignment> Posts, DateTimeOffset ReadAt);

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

    /// <summary>Posts or absences changed: every entry is stale.</summary>
    public void Forget()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }
}
