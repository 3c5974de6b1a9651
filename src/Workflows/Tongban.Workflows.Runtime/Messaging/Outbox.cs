using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Runtime.Messaging;

/// <summary>Stages messages in the current unit of work; they commit with it or not at all.</summary>
public static class Outbox
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Send<T>(this TongbanDbContext db, string queue, T message, DateTimeOffset now) where T : class =>
        Add(db, queue, message, now);

    public static void Publish<T>(this TongbanDbContext db, T message, DateTimeOffset now) where T : class =>
        Add(db, null, message, now);

    private static void Add<T>(TongbanDbContext db, string? destination, T message, DateTimeOffset now) where T : class =>
        db.Outbox.Add(new OutboxMessage
        {
            MessageId = Guid.CreateVersion7(now),
            MessageType = typeof(T).FullName!,
            Destination = destination,
            Body = JsonSerializer.Serialize(message, Json),
            TraceParent = Activity.Current?.Id,
            CreatedAt = now,
        });

    /// <summary>
    /// Stages a message again under its original <paramref name="messageId"/> (a dead-letter replay), so the
    /// receiver's inbox applies it at most once. The original row is still there within the retention period
    /// (MessageId is unique): it is marked undispatched; after cleanup a new row is added.
    /// </summary>
    public static async Task ResendAsync(this TongbanDbContext db, Guid messageId, string destination, string messageType, string body, DateTimeOffset now, CancellationToken ct)
    {
        var row = await db.Outbox.SingleOrDefaultAsync(m => m.MessageId == messageId, ct);
        if (row is null)
        {
            db.Outbox.Add(new OutboxMessage
            {
                MessageId = messageId,
                MessageType = messageType,
                Destination = destination,
                Body = body,
                TraceParent = Activity.Current?.Id,
                CreatedAt = now,
            });
            return;
        }

        row.Destination = destination;
        row.Body = body;
        row.DispatchedAt = null;
        row.LockedBy = null;
        row.LockedUntil = null;
    }

    public static object Deserialize(OutboxMessage row, Type type) =>
        JsonSerializer.Deserialize(row.Body, type, Json) ?? throw new InvalidOperationException($"Outbox row {row.Sequence} has an empty body.");
}
