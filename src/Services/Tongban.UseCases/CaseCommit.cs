using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Auditing;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Auditing;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases;

/// <summary>
/// The one owner of committing what the engine staged for a case (one SaveChanges: state, journal, timers,
/// audit, outbox). A refused action (403, 409, a stale version, a lost race) writes nothing but its audit
/// record with outcome <c>denied</c>, committed on its own — the README promises that for both front doors.
/// </summary>
public sealed class CaseCommit(TongbanDbContext db, TimeProvider clock)
{
    private const int AuditReasonLength = 200;

    private const int MaxAttempts = 3;

    /// <summary>
    /// Stages a step with <paramref name="stage"/> and commits it; when the database aborts the transaction for a
    /// deadlock or serialisation failure (<see cref="TransientFailure"/>), stages it again from a fresh read, up to
    /// three times, then answers 409 like a lost race. Never a 500 for another writer's timing.
    /// </summary>
    public async Task<Outcome<Case>> StepAsync(Func<Task<WorkflowResult>> stage, Actor actor, Guid caseId, string action, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var result = await stage();
            try
            {
                return await CommitAsync(result, actor, caseId, action, ct);
            }
            catch (Exception e) when (TransientFailure.Is(e))
            {
                db.ChangeTracker.Clear();
                if (attempt < MaxAttempts) continue;
                await AuditDeniedAsync(actor, caseId, action, Outcome.LostRace, ct);
                return Outcome.Conflict<Case>(Outcome.LostRace);
            }
        }
    }

    /// <param name="action">The audit action suffix (<c>case.&lt;action&gt;</c>), e.g. <c>SignFor</c>.</param>
    public async Task<Outcome<Case>> CommitAsync(WorkflowResult result, Actor actor, Guid caseId, string action, CancellationToken ct)
    {
        switch (result)
        {
            case WorkflowResult.Done done:
                try
                {
                    await db.SaveChangesAsync(ct);
                    return done.Case;
                }
                catch (DbUpdateException e) when (LostRace.Is(e))
                {
                    await AuditDeniedAsync(actor, caseId, action, Outcome.LostRace, ct);
                    return Outcome.Conflict<Case>(Outcome.LostRace);
                }

            case WorkflowResult.Refused refused:
                await AuditDeniedAsync(actor, caseId, action, refused.Reason, ct);
                break;
            case WorkflowResult.Stale:
                await AuditDeniedAsync(actor, caseId, action, "案件版本已更新", ct);
                break;
        }

        db.ChangeTracker.Clear();
        return Outcome.From<Case>(result);
    }

    private async Task AuditDeniedAsync(Actor actor, Guid caseId, string action, string reason, CancellationToken ct)
    {
        // Whatever the engine staged is dropped; only the refusal is recorded.
        db.ChangeTracker.Clear();
        if (!await db.Cases.AnyAsync(c => c.Id == caseId, ct)) return;
        AuditTrail.Append(db, AuditEntry.ForCase(
            clock.GetUtcNow(), actor.Id, $"case.{action}", caseId, AuditOutcomes.Denied,
            reason: reason.Length > AuditReasonLength ? reason[..AuditReasonLength] : reason));
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }
}
