using Tongban.Gateway.Auth;
using Tongban.Gateway.Cases;
using Tongban.Workflows.Clocks;

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
        Describe(cases.MapPost("/clock/stop", StopAsync), "中止计时: a special procedure (Hearing 听证, Inspection 检验, Testing 检测, Appraisal 鉴定, ExpertReview 专家评审, SiteSurvey 现场勘验) starts.");
        Describe(cases.MapPost("/clock/resume", ResumeAsync), "恢复计时: the special procedure ended; the working days still owed run from now.");
        Describe(cases.MapPost("/materials", SupplyAsync), "容缺补交: the window hands in deferred materials; when all are in, the case can no longer be withdrawn for them.");
    }

    private static void Describe(RouteHandlerBuilder endpoint, string summary) => endpoint
        .WithSummary(summary)
        .Produces<CaseView>()
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> StopAsync(Guid id, StopRequest body, [AsParameters] RouteActions.Context c)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Enum.TryParse<SpecialProcedure>(body.Procedure, out var procedure) || !Enum.IsDefined(procedure)) errors["procedure"] = ["特别程序应为 Hearing、Inspection、Testing、Appraisal、ExpertReview 或 SiteSurvey。"];
        if (string.IsNullOrWhiteSpace(body.Reason) || body.Reason.Length > 200) errors["reason"] = ["请说明中止计时的原因（不超过200字），将告知申请人。"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "输入有误");

        return await c.CommitAsync(await c.Workflow.StopClockAsync(id, await c.Staff.CurrentAsync(c.Http.RequestAborted), procedure, body.Reason!, c.Http.RequestAborted));
    }

    private static async Task<IResult> ResumeAsync(Guid id, [AsParameters] RouteActions.Context c) =>
        await c.CommitAsync(await c.Workflow.ResumeClockAsync(id, await c.Staff.CurrentAsync(c.Http.RequestAborted), c.Http.RequestAborted));

    private static async Task<IResult> SupplyAsync(Guid id, MaterialsRequest body, [AsParameters] RouteActions.Context c) =>
        await c.CommitAsync(await c.Workflow.SupplyMaterialsAsync(id, await c.Staff.CurrentAsync(c.Http.RequestAborted), body.Materials ?? [], c.Http.RequestAborted));
}
