using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Auditing;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.Auditing;
using Tongban.Workflows.Runtime.DeadLetters;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.Bureau;

/// <summary>
/// 异常消息 replayed once its cause is fixed: the hand-off sent again under its original MessageId, through the
/// outbox, in the transaction that marks it replayed; audited, refusals too. A letter already replayed, or replayed
/// by someone else at the same moment, is not sent again. <c>POST /api/dead-letters/{id}/replay</c> and the
/// bureau's page 异常消息 both do this.
/// </summary>
public sealed class ReplayDeadLetter(TongbanDbContext db, TimeProvider clock)
{
    /// <param name="IsAdministrator">The county's system administrator, who may replay as the bureau may.</param>
    public sealed record Request(Actor Actor, bool IsAdministrator, Guid Id);

    public abstract record Result
    {
        public sealed record Replayed(DeadLetter Letter) : Result;

        public sealed record NotFound : Result;

        /// <param name="By">Who replayed it, or null when someone did so at the same moment.</param>
        public sealed record AlreadyReplayed(string? By) : Result;

        public sealed record Refused : Result;
    }

    /// <summary>The bureau's supervisors (they follow every case) and the administrator (who fixes the usual cause).</summary>
    public static bool Allows(Actor actor, bool isAdministrator) => isAdministrator || actor.Posts.Any(p => p.Role == PostRole.BureauSupervisor);

    public async Task<Result> HandleAsync(Request request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (!Allows(request.Actor, request.IsAdministrator))
        {
            AuditTrail.Append(db, new AuditEntry(now, request.Actor.Id, AuditActions.DeadLetterReplay, $"dead-letter:{request.Id}", AuditOutcomes.Denied));
            await db.SaveChangesAsync(ct);
            return new Result.Refused();
        }

        var (outcome, letter) = await DeadLetterReplay.StageAsync(db, request.Id, request.Actor.Id, now, ct);
        switch (outcome)
        {
            case DeadLetterReplay.Outcome.NotFound:
                return new Result.NotFound();
            case DeadLetterReplay.Outcome.NotOpen:
                return new Result.AlreadyReplayed(letter!.ReplayedBy);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone replayed (or a new fault reopened) it between our read and our write: nothing was sent.
            return new Result.AlreadyReplayed(null);
        }

        return new Result.Replayed(letter!);
    }
}
