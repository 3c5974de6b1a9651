using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Tongban.Gateway.Auth;
using Tongban.Workflows.Auditing;
using Tongban.Workflows.Runtime.Auditing;
using Tongban.Workflows.Runtime.DeadLetters;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.DeadLetters;

/// <summary>
/// POST /api/dead-letters/{id}/replay: after the cause is fixed, send the hand-off again under its original
/// MessageId (through the outbox, in the transaction that marks it replayed). Audited; refusals too. A dead
/// letter already replayed, or replayed by someone else at the same moment, is 409.
/// </summary>
public static class ReplayDeadLetter
{
    public static void MapReplayDeadLetter(this RouteGroupBuilder api) =>
        api.MapPost("/dead-letters/{id:guid}/replay", HandleAsync)
            .WithTags("Dead letters")
            .WithSummary("Replay a dead-lettered hand-off once its cause is fixed; exactly once at the receiver. Bureau supervisors and administrators.")
            .Produces<DeadLetterView>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> HandleAsync(Guid id, ClaimsPrincipal user, StaffActors staff, TongbanDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var actorId = user.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var now = clock.GetUtcNow();
        if (!await DeadLetterAccess.AllowedAsync(user, staff, ct))
        {
            AuditTrail.Append(db, new AuditEntry(now, actorId, AuditActions.DeadLetterReplay, $"dead-letter:{id}", AuditOutcomes.Denied));
            await db.SaveChangesAsync(ct);
            return DeadLetterAccess.Forbidden();
        }

        var (outcome, letter) = await DeadLetterReplay.StageAsync(db, id, actorId, now, ct);
        switch (outcome)
        {
            case DeadLetterReplay.Outcome.NotFound:
                return TypedResults.Problem("异常消息不存在。", statusCode: StatusCodes.Status404NotFound, title: "未找到");
            case DeadLetterReplay.Outcome.NotOpen:
                return AlreadyReplayed(letter!.ReplayedBy);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone replayed (or a new fault reopened) it between our read and our write: nothing was sent.
            return AlreadyReplayed(null);
        }

        return TypedResults.Ok(DeadLetterView.From(letter!));
    }

    private static IResult AlreadyReplayed(string? by) => TypedResults.Problem(
        by is null ? "该异常消息刚被其他人员处理，本次未重新投递，请刷新后查看。" : $"该异常消息已由 {by} 重新投递，不能重复投递；如再次失败，会重新列为待处理。",
        statusCode: StatusCodes.Status409Conflict, title: "已重新投递");
}
