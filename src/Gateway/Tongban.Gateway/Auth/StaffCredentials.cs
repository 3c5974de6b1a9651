using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Runtime.Organisation;
using Tongban.Workflows.Runtime.Persistence;
using Tongban.Workflows.Runtime.Telemetry;

namespace Tongban.Gateway.Auth;

/// <summary>
/// Checks a staff member's username and password, for the API's bearer login and the pages' cookie login
/// alike: hashed passwords (ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>) and the failed-login
/// throttle. Says only "valid", "wrong" or "wait", never which of username or password was wrong.
/// </summary>
public sealed class StaffCredentials(TongbanDbContext db, LoginThrottle throttle)
{
    private static readonly PasswordHasher<Staff> Hasher = new();

    // Verified when the username is unknown, so an unknown name costs as much time as a wrong password.
    private static readonly string DummyHash = Hasher.HashPassword(null!, "not-a-password-" + Guid.NewGuid());

    public abstract record Outcome
    {
        private Outcome() { }

        public sealed record Valid(Staff Staff) : Outcome;

        public sealed record Wrong : Outcome;

        public sealed record Throttled(TimeSpan RetryAfter) : Outcome
        {
            /// <summary>Whole minutes to wait, at least 1, for the message shown to staff.</summary>
            public int Minutes => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalMinutes));
        }
    }

    public async Task<Outcome> VerifyAsync(string username, string password, IPAddress? client, CancellationToken ct)
    {
        if (throttle.RetryAfter(username, client) is { } wait)
        {
            EngineMetrics.LoginFailures.Add(1);
            return new Outcome.Throttled(wait);
        }

        var staff = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == username, ct);
        // An account without a usable hash (the county file leaves "!" until an administrator sets a password)
        // cannot sign in: it is checked against the dummy hash, so it costs the same time, and counts as a failure.
        // A disabled account is answered like a wrong password.
        var usable = staff is not null && HasPassword(staff);
        var result = Hasher.VerifyHashedPassword(staff!, usable ? staff!.PasswordHash : DummyHash, password);
        if (!usable || result == PasswordVerificationResult.Failed || !staff!.Active)
        {
            throttle.Failed(username, client);
            // No label: who tried is personal, and the throttle already acts per account and address.
            EngineMetrics.LoginFailures.Add(1);
            return throttle.RetryAfter(username, client) is { } locked ? new Outcome.Throttled(locked) : new Outcome.Wrong();
        }

        throttle.Succeeded(username, client);
        return new Outcome.Valid(staff!);
    }

    // PasswordHasher's hashes are base64 with a format marker byte; anything else would make it throw.
    private static bool HasPassword(Staff staff)
    {
        var hash = staff.PasswordHash;
        if (string.IsNullOrEmpty(hash)) return false;
        Span<byte> decoded = stackalloc byte[hash.Length];
        return Convert.TryFromBase64String(hash, decoded, out var length) && length > 0;
    }

    /// <summary>The signed-in identity: username, display name, session stamp and the roles that are not posts.</summary>
    public static ClaimsIdentity Identity(Staff staff, string authenticationScheme) => new(
        [new Claim(ClaimTypes.NameIdentifier, staff.Id), new Claim(ClaimTypes.Name, staff.DisplayName), StaffSessions.Stamp(staff.SessionStamp), .. staff.Roles.Select(r => new Claim(ClaimTypes.Role, r))],
        authenticationScheme);
}
