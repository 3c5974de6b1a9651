using Tongban.Gateway.Cases;
using Tongban.UseCases.TimeLimits;

namespace Tongban.Gateway.TimeLimits;

/// <summary>POST /api/cases/{id}/extensions and …/extensions/{requestId}/decision: 延期, asked by the holder, decided by the unit head.</summary>
public static class Extensions
{
    public sealed record Request(int? WorkingDays, string? Reason);

    public sealed record Decision(bool? Approve, string? Note);

    public static void MapExtensions(this RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases/{id:guid}/extensions").WithTags("Time limits");
        cases.MapPost("/", async (Guid id, Request body, RequestExtension useCase, [AsParameters] CaseAnswer answer) =>
                await answer.ToHttpAsync(await useCase.HandleAsync(new(id, body.WorkingDays, body.Reason), await answer.ActorAsync(), answer.Aborted)))
            .WithSummary("延期申请: the holder asks for more working days, with the reason the applicant is told.")
            .Produces<CaseView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        cases.MapPost("/{requestId:guid}/decision", async (Guid id, Guid requestId, Decision body, DecideExtension useCase, [AsParameters] CaseAnswer answer) =>
                await answer.ToHttpAsync(await useCase.HandleAsync(new(id, requestId, body.Approve, body.Note), await answer.ActorAsync(), answer.Aborted)))
            .WithSummary("延期审批: the unit head approves (the deadline moves; an overdue record stays) or refuses.")
            .Produces<CaseView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }
}
