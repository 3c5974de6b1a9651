using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Tongban.Contracts;
using Tongban.Workflows.Runtime.DeadLetters;
using Tongban.Workflows.Runtime.Messaging;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Services.DeadLetters;

/// <summary>
/// Records a hand-off the receiving node gave up on. MassTransit publishes <see cref="Fault{T}"/> once the
/// endpoint's retries are exhausted (the message itself goes on to the broker's <c>&lt;queue&gt;_error</c>, which
/// stays as the last safety net); this turns it into a row staff can see and replay, on any transport.
/// Idempotent through the inbox; a fault of a message already recorded (a replay that failed again) reopens it.
/// </summary>
public sealed class DeadLetterRecorder(TongbanDbContext db, TimeProvider clock, ILogger<DeadLetterRecorder> logger) : IConsumer<Fault<HandOffCase>>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task Consume(ConsumeContext<Fault<HandOffCase>> context)
    {
        var fault = context.Message;
        var ct = context.CancellationToken;
        var now = clock.GetUtcNow();
        if (await db.AlreadyProcessedAsync(context.MessageId!.Value, nameof(DeadLetterRecorder), now, ct)) return;

        // Without the original MessageId a replay could not be de-duplicated by the receiver; every hand-off has one.
        var messageId = fault.FaultedMessageId ?? throw new InvalidOperationException($"Fault {fault.FaultId} names no faulted MessageId.");
        var handOff = fault.Message;
        var exception = fault.Exceptions?.FirstOrDefault();
        var faultedAt = new DateTimeOffset(DateTime.SpecifyKind(fault.Timestamp, DateTimeKind.Utc));

        var letter = await db.DeadLetters.SingleOrDefaultAsync(d => d.MessageId == messageId, ct);
        if (letter is null)
        {
            letter = new DeadLetter
            {
                Id = Guid.CreateVersion7(now),
                MessageId = messageId,
                MessageType = typeof(HandOffCase).FullName!,
                // The queue the sender used (CaseWorkflow): the replay goes back to the same receivers.
                DestinationQueue = QueueNames.For(handOff.ToRole, handOff.ToJurisdictionId),
                Body = JsonSerializer.Serialize(handOff, Json),
                CaseId = handOff.CaseId,
                ExceptionType = "",
                ExceptionMessage = "",
                FaultedOn = "",
            };
            db.DeadLetters.Add(letter);
        }

        letter.ExceptionType = Bounded(exception?.ExceptionType ?? "unknown", 200);
        letter.ExceptionMessage = FaultText.Scrub(Describe(exception));
        letter.FaultedAt = faultedAt;
        letter.FaultedOn = Bounded($"{fault.Host?.MachineName} ({fault.Host?.ProcessName} {fault.Host?.ProcessId})", 200);
        letter.FaultCount++;
        letter.Status = DeadLetterStatus.Open;
        letter.Version++;
        await db.SaveChangesAsync(ct);
        logger.LogWarning("Hand-off {MessageId} of case {CaseId} to {Queue} dead-lettered ({Count}x): {ExceptionType}",
            messageId, handOff.CaseId, letter.DestinationQueue, letter.FaultCount, letter.ExceptionType);
    }

    /// <summary>The message with its inner causes: a wrapper (DbUpdateException) alone rarely says what went wrong.</summary>
    private static string Describe(ExceptionInfo? exception)
    {
        var parts = new List<string>();
        for (var e = exception; e is not null && parts.Count < 4; e = e.InnerException)
        {
            parts.Add(parts.Count == 0 ? e.Message : $"{e.ExceptionType}: {e.Message}");
        }

        return string.Join(" ← ", parts);
    }

    private static string Bounded(string value, int length) => value.Length <= length ? value : value[..length];
}
