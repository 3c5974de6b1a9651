using System.Collections.Concurrent;
using System.Net;

namespace Tongban.Gateway.Auth;

/// <summary>
/// Throttles password guessing: after <see cref="MaxFailures"/> failed logins for one username from one client
/// address within <see cref="Window"/>, further attempts for that pair are refused for <see cref="Lockout"/>
/// (the correct password too, so guessing cannot continue). In memory per gateway process: a county runs one
/// or a few gateways, and a restart forgetting the counters is acceptable.
/// </summary>
public sealed class LoginThrottle(TimeProvider clock)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(5);

    // Bounds memory under a spray of made-up usernames; past it, stale entries are swept.
    private const int SweepThreshold = 10_000;

    // A hard bound on the table whatever the rate of the spray: past it, stale entries are swept and, if that is not
    // enough, new pairs are not counted (the pairs already counted stay throttled).
    private const int MaxEntries = 100_000;

    /// <summary>No staff login is longer; a longer name is counted by its first characters, so a key stays small.</summary>
    public const int MaxUsernameLength = 64;

    private readonly ConcurrentDictionary<(string User, string Client), Entry> _entries = new();

    /// <summary>How long the pair must still wait, or null when it may try now.</summary>
    public TimeSpan? RetryAfter(string username, IPAddress? client)
    {
        if (!_entries.TryGetValue(Key(username, client), out var entry)) return null;
        lock (entry)
        {
            var now = clock.GetUtcNow();
            return entry.LockedUntil is { } until && until > now ? until - now : null;
        }
    }

    public void Failed(string username, IPAddress? client)
    {
        var now = clock.GetUtcNow();
        if (_entries.Count > SweepThreshold) Sweep(now);
        var key = Key(username, client);
        if (_entries.Count >= MaxEntries && !_entries.ContainsKey(key)) return;
        var entry = _entries.GetOrAdd(key, _ => new Entry());
        lock (entry)
        {
            if (now - entry.WindowStart > Window || entry.LockedUntil is { } until && until <= now)
            {
                entry.WindowStart = now;
                entry.Failures = 0;
                entry.LockedUntil = null;
            }

            entry.Failures++;
            entry.LastSeen = now;
            if (entry.Failures >= MaxFailures) entry.LockedUntil = now + Lockout;
        }
    }

    public void Succeeded(string username, IPAddress? client) => _entries.TryRemove(Key(username, client), out _);

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (now - entry.LastSeen > Window + Lockout) _entries.TryRemove(key, out _);
        }
    }

    private static (string, string) Key(string username, IPAddress? client)
    {
        var name = username.Trim();
        if (name.Length > MaxUsernameLength) name = name[..MaxUsernameLength];
        return (name.ToLowerInvariant(), client?.ToString() ?? "-");
    }

    private sealed class Entry
    {
        public DateTimeOffset WindowStart;
        public DateTimeOffset LastSeen;
        public int Failures;
        public DateTimeOffset? LockedUntil;
    }
}
