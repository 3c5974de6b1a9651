using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.Auth;

/// <summary>
/// Checks every signed-in request against the staff table: a token or session cookie counts only while its
/// staff member exists, is active and still has the session stamp issued at sign-in; the roles are the table's
/// roles now, not the ones in the token. So a token minted with the key ring for someone else is worthless, and
/// disabling an account, removing a role or logging out takes effect within <c>Auth:StaffCacheSeconds</c>
/// (the staff row is cached that long so a busy API does not read it on every request).
/// </summary>
public sealed class StaffSessions(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration)
{
    /// <summary>The claim that carries the staff member's session stamp from sign-in.</summary>
    public const string StampClaim = "tongban:session-stamp";

    // Only ids from tokens the key ring accepted reach the cache, so it holds at most the staff; the bound is a backstop.
    private const int MaxCached = 10_000;

    private readonly ConcurrentDictionary<string, Cached> _cache = new(StringComparer.Ordinal);

    private TimeSpan CacheTime => TimeSpan.FromSeconds(configuration.GetValue("Auth:StaffCacheSeconds", 5.0));

    private sealed record Row(string DisplayName, List<string> Roles, bool Active, string? SessionStamp);

    private sealed record Cached(Row? Row, DateTimeOffset ReadAt);

    /// <summary>The stamp a new token or cookie carries.</summary>
    public static Claim Stamp(string? sessionStamp) => new(StampClaim, sessionStamp ?? "");

    /// <summary>The principal with today's name and roles, or null when the token or cookie no longer counts.</summary>
    public async Task<ClaimsPrincipal?> ValidateAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        if (principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id) return null;
        var row = await ReadAsync(id, ct);
        if (row is not { Active: true } || (row.SessionStamp ?? "") != (principal.FindFirstValue(StampClaim) ?? "")) return null;

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, id), new Claim(ClaimTypes.Name, row.DisplayName), Stamp(row.SessionStamp), .. row.Roles.Select(r => new Claim(ClaimTypes.Role, r))],
            principal.Identity?.AuthenticationType);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>Logout: a new stamp ends every token and session cookie of this staff member issued before.</summary>
    public async Task EndAllSessionsAsync(string staffId, CancellationToken ct)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
            var stamp = Guid.NewGuid().ToString("N");
            await db.Staff.Where(s => s.Id == staffId).ExecuteUpdateAsync(u => u.SetProperty(s => s.SessionStamp, stamp), ct);
        }

        // This node forgets at once; other nodes within their cache time.
        _cache.TryRemove(staffId, out _);
    }

    private async Task<Row?> ReadAsync(string id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(id, out var cached) && now - cached.ReadAt < CacheTime) return cached.Row;

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        var row = await db.Staff.AsNoTracking().Where(s => s.Id == id)
            .Select(s => new Row(s.DisplayName, s.Roles, s.Active, s.SessionStamp)).SingleOrDefaultAsync(ct);
        if (_cache.Count >= MaxCached) _cache.Clear();
        _cache[id] = new Cached(row, now);
        return row;
    }
}
