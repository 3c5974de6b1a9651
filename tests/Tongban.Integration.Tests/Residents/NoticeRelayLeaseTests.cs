using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tongban.Integration.Tests.Infrastructure;
using Tongban.Testing;
using Tongban.Workflows.Residents;
using Tongban.Workflows.Runtime.Persistence;
using Tongban.Workflows.Runtime.Residents;

namespace Tongban.Integration.Tests.Residents;

/// <summary>
/// A relay sends a claimed batch one by one within its lease. When the SMS platform (a real HTTP peer) is so slow that
/// the next send could outlast the lease, the rest of the batch is let go, its attempt not counted, so that no other
/// relay sends a notice this one is still sending, and the next round takes it up. Every notice reaches the platform
/// once, with one attempt counted.
/// </summary>
public sealed class NoticeRelayLeaseTests : IAsyncDisposable
{
    private readonly ManualClock _clock = new();
    private readonly SmsPlatformReceiver _sms;
    private EmbeddedApp? _app;

    public NoticeRelayLeaseTests() =>
        // Each send takes 25 s of the 30 s lease: after it, another one (10 s timeout) no longer fits.
        _sms = new SmsPlatformReceiver(failFirstAttempt: false) { OnRequest = () => _clock.Advance(TimeSpan.FromSeconds(25)) };

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        _sms.Dispose();
    }

    [Fact]
    public async Task A_batch_the_lease_cannot_cover_is_let_go_uncounted_and_sent_in_later_rounds()
    {
        _app = new EmbeddedApp
        {
            Clock = _clock,
            Settings =
            {
                ["Notices:Channel"] = "Sms",
                ["Notices:Sms:Url"] = _sms.Url,
                ["Notices:Lease"] = "00:00:30",
                ["Notices:Sms:Timeout"] = "00:00:10",
                // The host's own relay looks once at start (nothing is due yet), then not for an hour.
                ["Notices:PollInterval"] = "01:00:00",
            },
        };
        var services = _app.Services;
        // Due a second from now: the host's own relay, however late its one look at start, finds nothing due.
        var now = _clock.GetUtcNow() + TimeSpan.FromSeconds(1);
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
            var caseId = Guid.CreateVersion7();
            db.ResidentNotices.AddRange(Enumerable.Range(1, 3).Select(i => new ResidentNotice
            {
                Id = Guid.CreateVersion7(), CaseId = caseId, Sequence = i, Milestone = Milestone.Accepted, CommunityId = "dongmen",
                Phone = StaffClient.ValidPhone, Text = $"通知 {i}", Parameters = "{}", CreatedAt = now, Status = NoticeStatus.Pending, NextAttemptAt = now,
            }));
            await db.SaveChangesAsync();
        }

        _clock.Advance(TimeSpan.FromSeconds(1));

        using var relay = new ResidentNoticeRelay(
            services.GetRequiredService<IServiceScopeFactory>(), services.GetRequiredService<IOptions<NoticeOptions>>(), _clock, NullLogger<ResidentNoticeRelay>.Instance);

        // First round: all three claimed, one sent, two let go with their attempt taken back and no lease left.
        Assert.Equal(1, await relay.RelayOnceAsync(CancellationToken.None));
        var rows = await RowsAsync();
        Assert.Single(rows, r => (r.Status, r.Attempts) == (NoticeStatus.Sent, 1));
        Assert.Equal(2, rows.Count(r => (r.Status, r.Attempts, r.LeaseUntil, r.LeasedBy) == (NoticeStatus.Pending, 0, null, null)));
        Assert.Single(_sms.Requests);

        // The next rounds take up what was let go, one each at this platform's pace.
        Assert.Equal(1, await relay.RelayOnceAsync(CancellationToken.None));
        Assert.Equal(1, await relay.RelayOnceAsync(CancellationToken.None));
        Assert.Equal(0, await relay.RelayOnceAsync(CancellationToken.None));
        rows = await RowsAsync();
        Assert.All(rows, r => Assert.Equal((NoticeStatus.Sent, 1, (DateTimeOffset?)null, (Guid?)null), (r.Status, r.Attempts, r.LeaseUntil, r.LeasedBy)));
        Assert.Equal(3, _sms.Requests.Count);
        Assert.Equal(3, _sms.Requests.Select(r => r.IdempotencyKey).Distinct().Count());
    }

    private async Task<List<ResidentNotice>> RowsAsync()
    {
        await using var scope = _app!.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TongbanDbContext>().ResidentNotices.AsNoTracking().OrderBy(n => n.Sequence).ToListAsync();
    }
}
