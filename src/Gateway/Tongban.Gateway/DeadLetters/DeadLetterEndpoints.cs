using Tongban.Gateway.Auth;
using Tongban.Gateway.Problems;
using Tongban.UseCases.DeadLetters;

namespace Tongban.Gateway.DeadLetters;

/// <summary>
/// 异常消息: hand-offs that failed after every retry, for the bureau's supervisors and the county administrator
/// to see (GET /api/dead-letters, open ones first, <c>?status=Open</c> or <c>Replayed</c>) and to replay once the
/// cause is fixed (POST /api/dead-letters/{id}/replay; the bureau page replays through the same use case).
/// </summary>
public static class DeadLetterEndpoints
{
    public static RouteGroupBuilder MapDeadLetters(this RouteGroupBuilder api)
    {
        api.MapGet("/dead-letters", async (ListDeadLetters useCase, StaffActors staff, CancellationToken ct, string? status = null, int limit = ListDeadLetters.DefaultLimit) =>
                (await useCase.HandleAsync(new(status, limit), await staff.CurrentAsync(ct), ct)).ToHttp(v => TypedResults.Ok(v)))
            .WithTags("Dead letters")
            .WithSummary("Hand-offs that could not be processed after the retries: open ones first. Bureau supervisors and administrators.")
            .Produces<List<DeadLetterView>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/dead-letters/{id:guid}/replay", async (Guid id, ReplayDeadLetter useCase, StaffActors staff, CancellationToken ct) =>
                (await useCase.HandleAsync(new(id), await staff.CurrentAsync(ct), ct)).ToHttp(v => TypedResults.Ok(v)))
            .WithTags("Dead letters")
            .WithSummary("Replay a dead-lettered hand-off once its cause is fixed; exactly once at the receiver. Bureau supervisors and administrators.")
            .Produces<DeadLetterView>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }
}
