using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Auditing;
using Tongban.Workflows.Runtime.Auditing;
using Tongban.Workflows.Runtime.Messaging;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Runtime.DeadLetters;

/// <summary>
/// Sends a dead-lettered hand-off again, once its cause is fixed: the original message, under its original
/// MessageId, into the outbox in the same transaction that marks the row replayed and writes the audit record.
/// Exactly once with the receiver's inbox; of two concurrent replays the version check lets one commit.
/// </summary>
public static class DeadLetterReplay
{
    public enum Outcome
    {
        Replayed,
        NotFound,
        NotOpen,
    }

    /// <summary>Stages the replay; the caller's SaveChanges commits it (a lost race is a <see cref="DbUpdateConcurrencyException"/>).</summary>
    public static async Task<(Outcome Outcome, DeadLetter? Letter)> StageAsync(TongbanDbContext db, Guid id, string actorId, DateTimeOffset now, CancellationToken ct)
    {
        var letter = await db.DeadLetters.SingleOrDefaultAsync(d => d.Id == id, ct);
        if (letter is null) return (Outcome.NotFound, null);
        if (letter.Status != DeadLetterStatus.Open) return (Outcome.NotOpen, letter);

        await db.ResendAsync(letter.MessageId, letter.DestinationQueue, letter.MessageType, letter.Body, now, ct);
        letter.Status = DeadLetterStatus.Replayed;
        letter.ReplayedAt = now;
        letter.ReplayedBy = actorId;
        letter.ReplayCount++;
        letter.Version++;
        AuditTrail.Append(db, AuditEntry.ForCase(
            now, actorId, AuditActions.DeadLetterReplay, letter.CaseId,
            detail: $"dead letter {letter.Id}, message {letter.MessageId} to {letter.DestinationQueue}, replay {letter.ReplayCount}"));
        return (Outcome.Replayed, letter);
    }
}
