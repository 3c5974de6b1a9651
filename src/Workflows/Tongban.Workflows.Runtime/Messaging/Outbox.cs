using System.Diagnostics;
using System.Text.Json;
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

    public static object Deserialize(OutboxMessage row, Type type) =>
        JsonSerializer.Deserialize(row.Body, type, Json) ?? throw new InvalidOperationException($"Outbox row {row.Sequence} has an empty body.");
}
