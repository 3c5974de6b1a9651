using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tongban.Limit;

/// <summary>
/// The closed loop: K desks, each taking one case at a time through the whole walk over HTTP and starting the next
/// when it is archived. After a hand-off a desk waits for the receiver's commit before the next step.
/// </summary>
public sealed class Desks(Uri api, IReadOnlyList<string> tokens)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly string[] Materials = ["ID_CARD", "HOUSEHOLD_REGISTER", "APPLICATION_FORM", "BANK_CARD"];
    private long _completed;
    private long _failures;

    public Samples StepMilliseconds { get; } = new();

    public long Completed => Interlocked.Read(ref _completed);

    public long Failures => Interlocked.Read(ref _failures);

    public Task RunAsync(CancellationToken ct)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = tokens.Count * 2 }) { BaseAddress = api, Timeout = TimeSpan.FromSeconds(60) };
        return Task.WhenAll(tokens.Select((token, i) => Task.Run(() => DeskAsync(http, token, i, ct), CancellationToken.None)))
            .ContinueWith(_ => http.Dispose(), TaskScheduler.Default);
    }

    private async Task DeskAsync(HttpClient http, string token, int desk, CancellationToken ct)
    {
        var auth = new AuthenticationHeaderValue("Bearer", token);
        for (var n = 0; !ct.IsCancellationRequested; n++)
        {
            try
            {
                var open = new OpenCase("QS-MZ-001", new Applicant($"申请人{desk:D2}{n:D5}", $"11010519491231{desk % 10}{n % 1000:D3}", $"1380013{n % 10000:D4}"), Materials);
                var now = await SendAsync(http, auth, HttpMethod.Post, "cases", open, ct);
                var handedOff = true;
                foreach (var step in Walk.Steps.Skip(1))
                {
                    if (handedOff) now = await SendAsync(http, auth, HttpMethod.Get, $"cases/{now.Id}/arrival?version={now.Version + 1}", null, ct, timed: false);
                    now = await SendAsync(http, auth, HttpMethod.Post, $"cases/{now.Id}/{step.Action}", new StepRequest(now.Version), ct);
                    handedOff = step.HandOffTo is not null;
                }

                Interlocked.Increment(ref _completed);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A case that cannot go on is left; the check after the run does not count it as archived.
                if (Interlocked.Increment(ref _failures) <= 5) Console.Error.WriteLine($"[limit] desk {desk}: {e.Message}");
            }
        }
    }

    private async Task<CaseState> SendAsync(HttpClient http, AuthenticationHeaderValue auth, HttpMethod method, string path, object? body, CancellationToken ct, bool timed = true)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, body.GetType(), options: Json) };
        request.Headers.Authorization = auth;
        var started = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"{method} {path}: {(int)response.StatusCode}");
        var state = (await response.Content.ReadFromJsonAsync<CaseState>(Json, ct))!;
        if (timed) StepMilliseconds.Since(started);
        return state;
    }
}
