using System.Security.Claims;
using Tongban.Gateway.Auth;

namespace Tongban.Gateway.DeadLetters;

/// <summary>
/// POST /api/dead-letters/{id}/replay: after the cause is fixed, send the hand-off again under its original
/// MessageId (through the outbox, in the transaction that marks it replayed). Audited; refusals too. The replay is
/// <see cref="UseCases.Bureau.ReplayDeadLetter"/>'s, as the bureau's page does it; this translates. A dead
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

    private static async Task<IResult> HandleAsync(Guid id, ClaimsPrincipal user, StaffActors staff, UseCases.Bureau.ReplayDeadLetter replay, CancellationToken ct)
    {
        var request = new UseCases.Bureau.ReplayDeadLetter.Request(await staff.CurrentAsync(ct), user.IsInRole("Administrator"), id);
        return await replay.HandleAsync(request, ct) switch
        {
            UseCases.Bureau.ReplayDeadLetter.Result.Replayed replayed => TypedResults.Ok(DeadLetterView.From(replayed.Letter)),
            UseCases.Bureau.ReplayDeadLetter.Result.NotFound => TypedResults.Problem("异常消息不存在。", statusCode: StatusCodes.Status404NotFound, title: "未找到"),
            UseCases.Bureau.ReplayDeadLetter.Result.AlreadyReplayed already => AlreadyReplayed(already.By),
            _ => DeadLetterAccess.Forbidden(),
        };
    }

    private static IResult AlreadyReplayed(string? by) => TypedResults.Problem(
        by is null ? "该异常消息刚被其他人员处理，本次未重新投递，请刷新后查看。" : $"该异常消息已由 {by} 重新投递，不能重复投递；如再次失败，会重新列为待处理。",
        statusCode: StatusCodes.Status409Conflict, title: "已重新投递");
}
