using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Runtime.Persistence;
using Tongban.Workflows.Runtime.Telemetry;

namespace Tongban.Workflows.Runtime.Messaging;

/// <summary>The consumer side of exactly-once effects over an at-least-once bus.</summary>
public static class Inbox
{
    /// <summary>
    /// True if this consumer already applied the message. Otherwise records it in the current unit of work,
    /// to commit together with the message's effect; a concurrent copy then fails on the primary key and,
    /// on retry, finds the record.
    /// </summary>
    public static async Task<bool> AlreadyProcessedAsync(this TongbanDbContext db, Guid messageId, string consumer, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.SeenAsync(messageId, consumer, ct)) return true;
        db.Record(messageId, consumer, now);
        return false;
    }

    /// <summary>
    /// Records the message in the current unit of work without reading first, for a consumer whose effect a copy
    /// cannot commit twice: the primary key refuses the second record at commit, rolling the copy's effect back with
    /// it. The consumer asks <see cref="SeenAsync"/> only when its step was refused or its save failed, so a message
    /// costs no read of the inbox on the way that commits.
    /// </summary>
    public static void Record(this TongbanDbContext db, Guid messageId, string consumer, DateTimeOffset now) =>
        db.Inbox.Add(new InboxMessage { MessageId = messageId, Consumer = consumer, ProcessedAt = now });

    /// <summary>Whether this consumer committed the message already (then the copy at hand is a duplicate, counted).</summary>
    public static async Task<bool> SeenAsync(this TongbanDbContext db, Guid messageId, string consumer, CancellationToken ct)
    {
        if (!await db.Inbox.AsNoTracking().AnyAsync(m => m.MessageId == messageId && m.Consumer == consumer, ct)) return false;
        EngineMetrics.InboxDuplicates.Add(1);
        return true;
    }
}
