using Tongban.Gateway.Cases;

namespace Tongban.Gateway.TimeLimits;

/// <summary>POST /api/cases/{id}/extensions and …/extensions/{requestId}/decision: 延期, asked by the holder, decided by the unit head.</summary>
public static class Extensions
{
    public sealed record Request(int? WorkingDays, string? Reason);

    public sealed record Decision(bool? Approve, string? Note);

    public static void MapExtensions(this RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases/{id:guid}/extensions").WithTags("Time limits");
        cases.MapPost("/", RequestAsync)
            .WithSummary("延期申请: the holder asks for more working days, with the reason the applicant is told.")
            .Produces<CaseView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        cases.MapPost("/{requestId:guid}/decision", DecideAsync)
            .WithSummary("延期审批: the unit head approves (the deadline moves; an overdue record stays) or refuses.")
            .Produces<CaseView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> RequestAsync(Guid id, Request body, [AsParameters] RouteActions.Context c)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.WorkingDays is not (>= 1 and <= 60)) errors["workingDays"] = ["延期天数应为 1 至 60 个工作日。"];
        if (string.IsNullOrWhiteSpace(body.Reason) || body.Reason.Length > 500) errors["reason"] = ["请填写延期理由（将告知申请人，不超过500字）。"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "输入有误");

        var ct = c.Http.RequestAborted;
        return await c.CommitAsync(await c.Workflow.RequestExtensionAsync(id, await c.Staff.CurrentAsync(ct), body.WorkingDays!.Value, body.Reason!, ct), id, "RequestExtension");
    }

    private static async Task<IResult> DecideAsync(Guid id, Guid requestId, Decision body, [AsParameters] RouteActions.Context c)
    {
        if (body.Approve is not { } approve)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["approve"] = ["请选择批准（true）或不批准（false）。"] }, title: "输入有误");
        }

        var ct = c.Http.RequestAborted;
        return await c.CommitAsync(await c.Workflow.DecideExtensionAsync(id, requestId, await c.Staff.CurrentAsync(ct), approve, body.Note, ct), id, "DecideExtension");
    }
}
