using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Runtime.Residents;

/// <summary>
/// Sends staged notices, each once: rows are claimed in batches with a lease (one conditional UPDATE, so two relays
/// never both hold one), sent, and marked Sent with what the channel answered; a failure is retried after
/// <see cref="NoticeOptions.RetryIntervals"/>, then marked Failed. A relay killed after the platform accepted a
/// notice but before marking it sends it again once the lease ends, under the same id (<c>messageId</c> and the
/// <c>Idempotency-Key</c> header), for the platform to drop the copy. Every process runs one.
/// </summary>
public sealed partial class ResidentNoticeRelay(IServiceScopeFactory scopes, IOptions<NoticeOptions> options, TimeProvider clock, ILogger<ResidentNoticeRelay> logger) : BackgroundService
{
    private const int BatchSize = 20;

    /// <summary>What a notice on the <c>Local</c> channel records as its delivery status.</summary>
    public const string LocalStatus = "local outbox";
    private readonly HttpClient _http = new() { Timeout = options.Value.Sms.Timeout };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RelayOnceAsync(stoppingToken) > 0) { }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogRelayFailed(logger, ex);
            }

            await Task.Delay(options.Value.PollInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Sends what is due now; returns how many rows it handled.</summary>
    public async Task<int> RelayOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        var now = clock.GetUtcNow();
        var due = await db.Set<ResidentNotice>().AsNoTracking()
            .Where(n => n.Status == NoticeStatus.Pending && n.NextAttemptAt <= now && (n.LeaseUntil == null || n.LeaseUntil < now))
            .OrderBy(n => n.NextAttemptAt).Select(n => n.Id).Take(BatchSize).ToListAsync(ct);
        if (due.Count == 0) return 0;

        // Every process runs a relay and they all see the same due rows: one conditional UPDATE claims those still
        // free for this batch, and the claim's id tells which they are (another relay's claim of a row wins or loses whole).
        var claim = Guid.NewGuid();
        var leaseUntil = now + options.Value.Lease;
        var claimed = await db.Set<ResidentNotice>()
            .Where(n => due.Contains(n.Id) && n.Status == NoticeStatus.Pending && (n.LeaseUntil == null || n.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.LeaseUntil, leaseUntil).SetProperty(n => n.LeasedBy, claim).SetProperty(n => n.Attempts, n => n.Attempts + 1), ct);
        if (claimed == 0) return 0;

        var notices = await db.Set<ResidentNotice>().Where(n => due.Contains(n.Id) && n.LeasedBy == claim).OrderBy(n => n.NextAttemptAt).ToListAsync(ct);
        var handled = 0;
        foreach (var notice in notices)
        {
            // A slow platform must not outlast the lease mid-batch (another relay would send the rest too): what
            // cannot be sent within it is let go, its attempt not counted.
            if (clock.GetUtcNow() + options.Value.Sms.Timeout >= leaseUntil)
            {
                var rest = notices.Skip(handled).Select(n => n.Id).ToList();
                await db.Set<ResidentNotice>().Where(n => rest.Contains(n.Id) && n.LeasedBy == claim)
                    .ExecuteUpdateAsync(s => s.SetProperty(n => n.LeaseUntil, (DateTimeOffset?)null).SetProperty(n => n.LeasedBy, (Guid?)null).SetProperty(n => n.Attempts, n => n.Attempts - 1), ct);
                break;
            }

            var (sent, status, error) = await SendAsync(notice, ct);
            var after = clock.GetUtcNow();
            notice.LeaseUntil = null;
            notice.LeasedBy = null;
            notice.Channel = options.Value.Channel;
            if (sent)
            {
                notice.Status = NoticeStatus.Sent;
                notice.SentAt = after;
                notice.DeliveryStatus = Bound(status, 200);
                notice.LastError = null;
            }
            else
            {
                var retries = options.Value.Retries;
                notice.LastError = Bound(error, 500);
                notice.DeliveryStatus = Bound(status, 200);
                if (notice.Attempts > retries.Count) notice.Status = NoticeStatus.Failed;
                else notice.NextAttemptAt = after + retries[notice.Attempts - 1];
            }

            // Marked one by one, as each is sent: a relay killed mid-batch sends again only the notice it was on.
            await db.SaveChangesAsync(ct);
            handled++;
        }

        return handled;
    }

    private async Task<(bool Sent, string? Status, string? Error)> SendAsync(ResidentNotice notice, CancellationToken ct)
    {
        var o = options.Value;
        if (o.Channel == NoticeChannels.Local) return (true, LocalStatus, null);
        if (o.Channel != NoticeChannels.Sms || string.IsNullOrEmpty(o.Sms.Url)) return (false, null, $"Notices:Channel '{o.Channel}' or Notices:Sms:Url is not configured.");

        using var request = new HttpRequestMessage(HttpMethod.Post, o.Sms.Url)
        {
            Content = JsonContent.Create(new
            {
                messageId = notice.Id,
                phone = notice.Phone,
                signName = o.Sms.Signature,
                templateId = o.Sms.Templates.GetValueOrDefault(notice.Milestone.ToString(), notice.Milestone.ToString()),
                templateParams = JsonNode.Parse(notice.Parameters),
                text = notice.Text,
            }),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", notice.Id.ToString());
        if (o.Sms.ApiKey is { Length: > 0 } key) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        try
        {
            using var response = await _http.SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            var status = $"HTTP {(int)response.StatusCode} {PlatformStatus(body)}".Trim();
            return response.IsSuccessStatusCode ? (true, status, null) : (false, status, $"the SMS platform answered {(int)response.StatusCode}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            // Never the request body in an error: it holds a phone number.
            return (false, null, $"{ex.GetType().Name} reaching the SMS platform");
        }
    }

    /// <summary>The platform's own status or message id, when its answer is JSON with one.</summary>
    private static string PlatformStatus(string body)
    {
        try
        {
            var node = JsonNode.Parse(body) as JsonObject;
            return string.Join(" ", new[] { "status", "code", "messageId", "bizId" }.Where(k => node?[k] is JsonValue).Select(k => $"{k}={node![k]}"));
        }
        catch (JsonException)
        {
            return "";
        }
    }

    private static string? Bound(string? text, int max) => text is { Length: > 0 } t && t.Length > max ? t[..max] : text;

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resident notice relay failed; retrying on the next round")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception);
}
