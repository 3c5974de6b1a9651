using Tongban.Gateway.Auth;
using Tongban.Gateway.Problems;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.Cases;

/// <summary>
/// POST /api/cases/{id}/{action}: every step of the route after intake. Each takes an optional If-Match with
/// the case version the clerk saw; a step that does not fit the state is 409 with the reason, a step at
/// somebody else's post 403, and a lost race with another clerk 409. Nothing is written unless it all holds.
/// </summary>
public static class RouteActions
{
    public sealed record ReturnForCorrectionRequest(List<MissingMaterial>? Missing);

    public sealed record ResubmitRequest(List<string>? Materials);

    public sealed record DecideRequest(bool? Approved, string? Text);

    public sealed record DeliverRequest(string? Method);

    public sealed record EvaluateRequest(int? Level);

    public static void MapRouteActions(this RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases/{id:guid}").WithTags("Route actions");

        Map(cases.MapPost("/forward", (Guid id, [AsParameters] Context c) => c.ApplyAsync(id, CaseAction.Forward, ActionInput.None.Instance)), "通办专员审核转办: forward to the registration township.");
        Map(cases.MapPost("/sign-for", (Guid id, [AsParameters] Context c) => c.ApplyAsync(id, CaseAction.SignFor, ActionInput.None.Instance)), "签收: the township back office signs for the case.");
        Map(cases.MapPost("/accept", (Guid id, [AsParameters] Context c) => c.ApplyAsync(id, CaseAction.Accept, ActionInput.None.Instance)), "受理: accept for handling.");
        Map(cases.MapPost("/return-for-correction", (Guid id, ReturnForCorrectionRequest body, [AsParameters] Context c) =>
            c.ApplyAsync(id, CaseAction.ReturnForCorrection, new ActionInput.ReturnForCorrection(body.Missing ?? []))), "退回补正: return with every missing or defective material listed once.");
        Map(cases.MapPost("/resubmit", (Guid id, ResubmitRequest body, [AsParameters] Context c) =>
            c.ApplyAsync(id, CaseAction.Resubmit, new ActionInput.Resubmit(body.Materials ?? []))), "补正提交: the window hands in the corrected materials.");
        Map(cases.MapPost("/handle", (Guid id, [AsParameters] Context c) => c.ApplyAsync(id, CaseAction.Handle, ActionInput.None.Instance)), "办理: start handling.");
        Map(cases.MapPost("/decide", (Guid id, DecideRequest body, [AsParameters] Context c) => body.Approved is { } approved
            ? c.ApplyAsync(id, CaseAction.Decide, new ActionInput.Decide(approved, body.Text ?? ""))
            : Task.FromResult(Invalid("approved", "请选择办理结果：准予（true）或不予（false）。"))), "办结: approve with a result or reject with a reason.");
        Map(cases.MapPost("/deliver", (Guid id, DeliverRequest body, [AsParameters] Context c) => Enum.TryParse<DeliveryMethod>(body.Method, out var method) && Enum.IsDefined(method)
            ? c.ApplyAsync(id, CaseAction.Deliver, new ActionInput.Deliver(method))
            : Task.FromResult(Invalid("method", "交付方式应为 Window（窗口）、Post（邮寄）或 Home（送达上门）。"))), "结果交付: deliver the result to the resident.");
        Map(cases.MapPost("/evaluate", (Guid id, EvaluateRequest body, [AsParameters] Context c) => body.Level is { } level
            ? c.ApplyAsync(id, CaseAction.Evaluate, new ActionInput.Evaluate(level))
            : Task.FromResult(Invalid("level", "评价等级应为 1（非常满意）至 5（非常不满意）。"))), "好差评: record the resident's evaluation (1 best … 5 worst).");
        Map(cases.MapPost("/archive", (Guid id, [AsParameters] Context c) => c.ApplyAsync(id, CaseAction.Archive, ActionInput.None.Instance)), "归档: archive the closed case.");
    }

    private static void Map(RouteHandlerBuilder endpoint, string summary) => endpoint
        .WithSummary(summary)
        .Produces<CaseView>()
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    private static IResult Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "输入有误");

    /// <summary>What every route action needs, bound once.</summary>
    public readonly record struct Context(HttpContext Http, StaffActors Staff, CaseWorkflow Workflow, TongbanDbContext Db, ItemVersionCache Items, CalendarProvider Calendars, TimeProvider Clock)
    {
        public async Task<IResult> ApplyAsync(Guid id, CaseAction action, ActionInput input)
        {
            var ct = Http.RequestAborted;
            if (!TryReadIfMatch(out var expected)) return Invalid("If-Match", "If-Match 应为案件版本号，例如 \"3\"。");

            return await CommitAsync(await Workflow.ApplyAsync(id, action, await Staff.CurrentAsync(ct), input, expected, ct));
        }

        /// <summary>Commits what the engine staged (one transaction) and answers with the case, or maps the refusal.</summary>
        public async Task<IResult> CommitAsync(WorkflowResult result)
        {
            if (result is not WorkflowResult.Done done) return result.ToHttp();

            var ct = Http.RequestAborted;
            await Db.SaveChangesAsync(ct);
            Http.Response.Headers.ETag = $"\"{done.Case.Version}\"";
            return TypedResults.Ok(await CaseView.LoadAsync(Db, Items, Calendars, Clock.GetUtcNow(), done.Case, withHistory: true, ct));
        }

        private bool TryReadIfMatch(out int? expected)
        {
            expected = null;
            var header = Http.Request.Headers.IfMatch.ToString();
            if (string.IsNullOrWhiteSpace(header)) return true;
            var value = header.Trim().TrimStart('W', '/').Trim('"');
            if (!int.TryParse(value, out var version)) return false;
            expected = version;
            return true;
        }
    }
}
