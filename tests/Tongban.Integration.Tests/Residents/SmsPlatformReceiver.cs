using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Tongban.Testing;

namespace Tongban.Integration.Tests.Residents;

/// <summary>
/// A county SMS platform on loopback (HttpListener): takes JSON notices, answers the first attempt of each message
/// with 503 when told to (so the sender's retry is exercised) and 200 with a platform status afterwards, and keeps
/// every request as it arrived.
/// </summary>
public sealed class SmsPlatformReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, int> _attempts = new();

    public SmsPlatformReceiver(bool failFirstAttempt)
    {
        FailFirstAttempt = failFirstAttempt;
        Port = Ports.Free();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public bool FailFirstAttempt { get; }

    /// <summary>Runs as each request arrives, before the answer: e.g. a test's clock moved on, as by a slow platform.</summary>
    public Action? OnRequest { get; init; }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/sms/send";

    /// <summary>Every request: raw body, the Idempotency-Key header, and whether it was accepted (200).</summary>
    public ConcurrentQueue<(string Body, string? IdempotencyKey, bool Accepted)> Requests { get; } = new();

    public IReadOnlyList<JsonObject> Accepted => [.. Requests.Where(r => r.Accepted).Select(r => JsonNode.Parse(r.Body)!.AsObject())];

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) when (!_listener.IsListening) { return; }
            catch (HttpListenerException) { return; }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var id = JsonNode.Parse(body)?["messageId"]?.GetValue<string>() ?? "";
            var attempt = _attempts.AddOrUpdate(id, 1, (_, n) => n + 1);
            OnRequest?.Invoke();
            var accept = !(FailFirstAttempt && attempt == 1);
            Requests.Enqueue((body, context.Request.Headers["Idempotency-Key"], accept));
            context.Response.StatusCode = accept ? 200 : 503;
            context.Response.ContentType = "application/json";
            var answer = Encoding.UTF8.GetBytes(accept ? $"{{\"status\":\"DELIVRD\",\"bizId\":\"B{attempt}\"}}" : "{\"status\":\"BUSY\"}");
            await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
    }
}
