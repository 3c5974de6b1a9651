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
/// Every process runs a notice relay, and they all see the same due notices: relays racing on PostgreSQL claim each
/// notice for one of them, so the SMS platform (a real HTTP peer) gets every notice exactly once.
/// </summary>
public sealed class NoticeRelayRaceTests : IAsyncDisposable
{
    private const int Notices = 120;
    private const int Relays = 4;

    private readonly SmsPlatformReceiver _sms = new(failFirstAttempt: false);
    private readonly string _database = $"relays_{Guid.NewGuid():N}"[..20];
    private EmbeddedApp? _app;

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        await Substrate.DropDatabaseAsync(_database);
        _sms.Dispose();
    }

    [Fact]
    public async Task Four_relays_racing_for_the_same_notices_send_each_once()
    {
        _app = new EmbeddedApp
        {
            Settings =
            {
                ["Database:Provider"] = "Postgres",
                ["ConnectionStrings:Tongban"] = await Substrate.CreateDatabaseAsync(_database),
                ["Notices:Channel"] = "Sms",
                ["Notices:Sms:Url"] = _sms.Url,
                // The host's own relay looks once at start (nothing is due yet), then not for an hour.
                ["Notices:PollInterval"] = "01:00:00",
            },
        };
        var services = _app.Services;
        var now = DateTimeOffset.UtcNow;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
            var caseId = Guid.CreateVersion7();
            db.ResidentNotices.AddRange(Enumerable.Range(1, Notices).Select(i => new ResidentNotice
            {
                Id = Guid.CreateVersion7(), CaseId = caseId, Sequence = i, Milestone = Milestone.Accepted, CommunityId = "dongmen",
                Phone = StaffClient.ValidPhone, Text = $"通知 {i}", Parameters = "{}", CreatedAt = now, Status = NoticeStatus.Pending, NextAttemptAt = now,
            }));
            await db.SaveChangesAsync();
        }

        var relays = Enumerable.Range(0, Relays).Select(_ => new ResidentNoticeRelay(
            services.GetRequiredService<IServiceScopeFactory>(), services.GetRequiredService<IOptions<NoticeOptions>>(), TimeProvider.System,
            NullLogger<ResidentNoticeRelay>.Instance)).ToList();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var handled = await Task.WhenAll(relays.Select(relay => Task.Run(async () =>
        {
            var mine = 0;
            while (await PendingAsync() > 0) mine += await relay.RelayOnceAsync(timeout.Token);
            return mine;
        })));
        foreach (var relay in relays) relay.Dispose();

        Assert.Equal(Notices, handled.Sum());
        Assert.Equal(Notices, _sms.Requests.Count);
        Assert.Equal(Notices, _sms.Requests.Select(r => r.IdempotencyKey).Distinct().Count());
        await using var check = services.CreateAsyncScope();
        var rows = await check.ServiceProvider.GetRequiredService<TongbanDbContext>().ResidentNotices.AsNoTracking().ToListAsync();
        Assert.All(rows, r => Assert.Equal((NoticeStatus.Sent, 1, (DateTimeOffset?)null, (Guid?)null), (r.Status, r.Attempts, r.LeaseUntil, r.LeasedBy)));

        async Task<int> PendingAsync()
        {
            await using var scope = services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<TongbanDbContext>().ResidentNotices.CountAsync(n => n.Status == NoticeStatus.Pending);
        }
    }
}
