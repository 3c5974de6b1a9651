using System.Net;
using System.Net.Http.Json;
using Tongban.Integration.Tests.Infrastructure;

namespace Tongban.Integration.Tests.Security;

/// <summary>Login attempts beyond the per-address limit get 429 with Retry-After, whatever the username.</summary>
public sealed class InputsLoginRateLimitTests : IAsyncDisposable
{
    private readonly EmbeddedApp _app = new() { Settings = { ["Auth:LoginRateLimit:PerAddressPermits"] = "3", ["Auth:LoginRateLimit:WindowSeconds"] = "600" } };

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Parallel_logins_beyond_the_limit_get_429_with_retry_after()
    {
        using var http = _app.CreateClient();
        // Different usernames, so the per-username throttle never answers: only the rate limiter can say 429.
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            http.PostAsJsonAsync("/api/auth/login", new { username = $"nobody{i}", password = "wrong" })));

        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized));
        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(5, limited.Count);
        Assert.All(limited, r => Assert.True(r.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After missing"));

        var page = await http.PostAsync("/login", new FormUrlEncodedContent([new("username", "nobody"), new("password", "wrong")]));
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
    }
}
