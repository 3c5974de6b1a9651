using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Auditing;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Auditing;
using Tongban.Workflows.Runtime.DeadLetters;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.DeadLetters;

/// <summary>
/// 重新投递: once the cause is fixed, send a dead-lettered hand-off again under its original MessageId, through the
/// outbox, in the transaction that marks it replayed (<see cref="DeadLetterReplay"/>). Audited, refusals too. A
/// dead letter already replayed, or replayed by someone else at the same moment, is 409: sent once, not twice.
/// </summary>
public sealed class ReplayDeadLetter(TongbanDbContext db, TimeProvider clock)
{
    public sealed record Request(Guid DeadLetterId);

    public async Task<Outcome<DeadLetterView>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (!await DeadLetterAccess.AllowedAsync(db, actor, ct))
        {
            AuditTrail.Append(db, new AuditEntry(now, actor.Id, AuditActions.DeadLetterReplay, $"dead-letter:{request.DeadLetterId}", AuditOutcomes.Denied));
            await db.SaveChangesAsync(ct);
            return Outcome.Forbidden<DeadLetterView>(DeadLetterAccess.Refusal);
        }

        var (outcome, letter) = await DeadLetterReplay.StageAsync(db, request.DeadLetterId, actor.Id, now, ct);
        switch (outcome)
        {
            case DeadLetterReplay.Outcome.NotFound:
                return Outcome.NotFound<DeadLetterView>("异常消息不存在。");
            case DeadLetterReplay.Outcome.NotOpen:
                return Outcome.Conflict<DeadLetterView>(AlreadyReplayed(letter!.ReplayedBy));
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone replayed (or a new fault reopened) it between our read and our write: nothing was sent.
            db.ChangeTracker.Clear();
            return Outcome.Conflict<DeadLetterView>(AlreadyReplayed(null));
        }

        return DeadLetterView.From(letter!);
    }

    private static string AlreadyReplayed(string? by) => by is null
        ? "该异常消息刚被其他人员处理，本次未重新投递，请刷新后查看。"
        : $"该异常消息已由 {by} 重新投递，不能重复投递；如再次失败，会重新列为待处理。";
}
