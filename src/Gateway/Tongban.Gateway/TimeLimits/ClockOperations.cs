using Tongban.Gateway.Cases;
using Tongban.UseCases.TimeLimits;

namespace Tongban.Gateway.TimeLimits;

/// <summary>
/// POST /api/cases/{id}/clock/stop|resume (special procedures: the time does not count) and
/// POST /api/cases/{id}/materials (容缺: the promised materials arrive).
/// </summary>
public static class ClockOperations
{
    public sealed record StopRequest(string? Procedure, string? Reason);

    public sealed record MaterialsRequest(List<string>? Materials);

    public static void MapClockOperations(this RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases/{id:guid}").WithTags("Time limits");
        Describe(cases.MapPost("/clock/stop", async (Guid id, StopRequest body, StopClock useCase, [AsParameters] CaseAnswer answer) =>
                await answer.ToHttpAsync(await useCase.HandleAsync(new(id, body.Procedure, body.Reason), await answer.ActorAsync(), answer.Aborted))),
            "中止计时: a special procedure (Hearing 听证, Inspection 检验, Testing 检测, Appraisal 鉴定, ExpertReview 专家评审, SiteSurvey 现场勘验) starts.");
        Describe(cases.MapPost("/clock/resume", async (Guid id, ResumeClock useCase, [AsParameters] CaseAnswer answer) =>
                await answer.ToHttpAsync(await useCase.HandleAsync(new(id), await answer.ActorAsync(), answer.Aborted))),
            "恢复计时: the special procedure ended; the working days still owed run from now.");
        Describe(cases.MapPost("/materials", async (Guid id, MaterialsRequest body, SupplyDeferredMaterials useCase, [AsParameters] CaseAnswer answer) =>
                await answer.ToHttpAsync(await useCase.HandleAsync(new(id, body.Materials), await answer.ActorAsync(), answer.Aborted))),
            "容缺补交: the window hands in deferred materials; when all are in, the case can no longer be withdrawn for them.");
    }

    private static void Describe(RouteHandlerBuilder endpoint, string summary) => endpoint
        .WithSummary(summary)
        .Produces<CaseView>()
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);
}
