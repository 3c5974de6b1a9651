using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Tongban.Gateway.Auth;

/// <summary>Limits on password checks, from configuration <c>Auth:LoginRateLimit:*</c>.</summary>
public sealed class LoginRateLimitOptions
{
    /// <summary>Password checks one client address may ask for per <see cref="WindowSeconds"/>.</summary>
    public int PerAddressPermits { get; set; } = 30;

    public int WindowSeconds { get; set; } = 60;

    /// <summary>Password checks per second from all clients together (each costs a deliberately slow hash).</summary>
    public int TotalPerSecond { get; set; } = 20;
}

/// <summary>
/// The overall limit on login attempts, on top of the per-username throttle: per client address and in total, so
/// guessing across many usernames, or many addresses at once, cannot keep the server hashing. Only the two login
/// POSTs (API and page) are limited; every other request passes untouched. Excess gets 429 with Retry-After.
/// </summary>
public static class LoginRateLimit
{
    public static IServiceCollection AddLoginRateLimit(this IServiceCollection services)
    {
        services.AddOptions<LoginRateLimitOptions>().BindConfiguration("Auth:LoginRateLimit");
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<LoginRateLimitOptions>>((o, limits) =>
        {
            var l = limits.Value;
            var perAddress = PartitionedRateLimiter.Create<HttpContext, string>(context => IsLogin(context)
                ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = l.PerAddressPermits, Window = TimeSpan.FromSeconds(l.WindowSeconds), QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter("other"));
            var total = PartitionedRateLimiter.Create<HttpContext, string>(context => IsLogin(context)
                ? RateLimitPartition.GetTokenBucketLimiter("all", _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = l.TotalPerSecond, TokensPerPeriod = l.TotalPerSecond, ReplenishmentPeriod = TimeSpan.FromSeconds(1), QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter("other"));
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(perAddress, total);
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
        });
        return services;
    }

    private static bool IsLogin(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
        && PasswordChecks.Any(p => context.Request.Path.Equals(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>Every path whose POST checks a password: the two logins and the two password changes.</summary>
    private static readonly string[] PasswordChecks = ["/api/auth/login", "/login", "/api/auth/change-password", "/change-password"];
}
