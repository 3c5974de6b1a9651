using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tongban.Testing;

namespace Tongban.Load.Driving;

/// <summary>One demo account signed in at one gateway, as a clerk's browser would be.</summary>
public sealed class StaffSession(string username, Uri gateway)
{
    public string Username { get; } = username;
    public Uri Gateway { get; } = gateway;
    public string? Token { get; set; }
}

/// <summary>What the API answered: status and body (null when the body was not JSON).</summary>
public sealed record ApiAnswer(HttpStatusCode Status, JsonNode? Body, bool Retried)
{
    public bool Ok => (int)Status is >= 200 and < 300;
}

/// <summary>
/// The HTTP API as the staff use it, over one connection pool. A request that meets a dead gateway, a closed
/// connection or a 5xx is retried (a clerk presses again) until <see cref="LoadOptions.RetryFor"/>; the time of
/// every answered request is kept per action.
/// </summary>
public sealed class StaffApi(TimeSpan retryFor) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(30) };

    public ConcurrentDictionary<string, ConcurrentQueue<double>> Latencies { get; } = new();

    /// <summary>
    /// Per action, from the first attempt to the answer: what a desk waited, the Retry-After of every refusal and every
    /// resend included (<see cref="Latencies"/> is the answered attempt alone).
    /// </summary>
    public ConcurrentDictionary<string, ConcurrentQueue<double>> LatenciesFromFirstAttempt { get; } = new();

    /// <summary>Requests that had to be sent again after a failure, per action.</summary>
    public ConcurrentDictionary<string, int> Retries { get; } = new();

    /// <summary>Requests the gateway refused at admission (429), per action: sent again after its Retry-After.</summary>
    public ConcurrentDictionary<string, int> Refusals { get; } = new();

    public async Task LoginAsync(StaffSession session, CancellationToken ct)
    {
        var answer = await SendAsync(null, HttpMethod.Post, new Uri(session.Gateway, "/api/auth/login"), new { username = session.Username, password = StaffClient.DemoPassword }, "login", null, ct);
        if (!answer.Ok) throw new InvalidOperationException($"login {session.Username}: {(int)answer.Status} {answer.Body}");
        session.Token = answer.Body!["accessToken"]!.GetValue<string>();
    }

    public async Task<ApiAnswer> CallAsync(StaffSession session, HttpMethod method, string path, object? body, string action, CancellationToken ct, IReadOnlyDictionary<string, string>? headers = null)
    {
        var answer = await SendAsync(session, method, new Uri(session.Gateway, path), body, action, headers, ct);
        if (answer.Status != HttpStatusCode.Unauthorized) return answer;
        // A token the gateway no longer accepts: sign in again, once.
        await LoginAsync(session, ct);
        return await SendAsync(session, method, new Uri(session.Gateway, path), body, action, headers, ct);
    }

    private async Task<ApiAnswer> SendAsync(StaffSession? session, HttpMethod method, Uri uri, object? body, string action, IReadOnlyDictionary<string, string>? headers, CancellationToken ct)
    {
        // Started at the first attempt: the resend deadline and the desk's wait from its first attempt.
        var sinceFirstAttempt = Stopwatch.StartNew();
        var retried = false;
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, uri);
            if (body is not null) request.Content = JsonContent.Create(body);
            if (session?.Token is { } token) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            // A desk reads only the state and version of what it moved (the gateway skips the full case view).
            if (method == HttpMethod.Post) request.Headers.TryAddWithoutValidation("Prefer", "return=minimal");
            foreach (var (name, value) in headers ?? new Dictionary<string, string>()) request.Headers.TryAddWithoutValidation(name, value);

            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await _http.SendAsync(request, ct);
                var text = await response.Content.ReadAsStringAsync(ct);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    // Not admitted, so nothing was done: wait as told and send it again (not a resend of something
                    // that may have gone through, so `retried` stays as it is).
                    Refusals.AddOrUpdate(action, 1, (_, n) => n + 1);
                    await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), ct);
                    attempt--;
                    continue;
                }

                if ((int)response.StatusCode < 500)
                {
                    Latencies.GetOrAdd(action, _ => new()).Enqueue(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    LatenciesFromFirstAttempt.GetOrAdd(action, _ => new()).Enqueue(sinceFirstAttempt.Elapsed.TotalMilliseconds);
                    return new ApiAnswer(response.StatusCode, Parse(text), retried);
                }

                if (sinceFirstAttempt.Elapsed > retryFor) return new ApiAnswer(response.StatusCode, Parse(text), retried);
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
            {
                if (sinceFirstAttempt.Elapsed > retryFor) return new ApiAnswer(HttpStatusCode.ServiceUnavailable, null, retried);
            }

            retried = true;
            Retries.AddOrUpdate(action, 1, (_, n) => n + 1);
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 100 * (1 << Math.Min(attempt, 5)))), ct);
        }
    }

    private static JsonNode? Parse(string text)
    {
        try
        {
            return text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    public void Dispose() => _http.Dispose();
}
