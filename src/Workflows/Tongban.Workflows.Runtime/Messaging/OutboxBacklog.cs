using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Runtime.Messaging;

/// <summary>
/// How far the relays are behind: the rows the broker has not confirmed yet and the age of the oldest. Both read
/// the (DispatchedAt, Sequence) index; the oldest is the first by sequence, which is also the oldest staged.
/// </summary>
public static class OutboxBacklog
{
    public readonly record struct Reading(long Count, TimeSpan OldestAge);

    public static async Task<Reading> ReadAsync(TongbanDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var pending = db.Outbox.AsNoTracking().Where(m => m.DispatchedAt == null);
        var oldest = await pending.OrderBy(m => m.Sequence).Select(m => (DateTimeOffset?)m.CreatedAt).FirstOrDefaultAsync(ct);
        if (oldest is null) return new(0, TimeSpan.Zero);
        var count = await pending.LongCountAsync(ct);
        return new(count, now - oldest.Value > TimeSpan.Zero ? now - oldest.Value : TimeSpan.Zero);
    }
}
