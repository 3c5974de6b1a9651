using Microsoft.EntityFrameworkCore;
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

    public sealed record DecideRequest(bool? Approved, string? Text)
    {
        /// <summary>用章登记: the township's approval seal used on the decision document, if it was.</summary>
        public SealRequest? Seal { get; init; }
    }

    /// <summary>Which seal (e.g. 河西乡审批服务专用章) was applied to which document.</summary>
    public sealed record SealRequest(string? Seal, string? Document);

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
        Map(cases.MapPost("/decide", (Guid id, DecideRequest body, [AsParameters] Context c) => DecideAsync(id, body, c)), "办结: approve with a result or reject with a reason; a township decision that uses its approval seal records it (seal, document) in the seal ledger.");
        Map(cases.MapPost("/deliver", (Guid id, DeliverRequest body, [AsParameters] Context c) => Enum.TryParse<DeliveryMethod>(body.Method, out var method) && Enum.IsDefined(method)
            ? c.ApplyAsync(id, CaseAction.Deliver, new ActionInput.Deliver(method))
            : Task.FromResult(Invalid("method", "交付方式应为 Window（窗口）、Post（邮寄）或 Home（送达上门）。"))), "结果交付: deliver the result to the resident.");
        Map(cases.MapPost("/evaluate", (Guid id, EvaluateRequest body, [AsParameters] Context c) => body.Level is { } level
            ? c.ApplyAsync(id, CaseAction.Evaluate, new ActionInput.Evaluate(level))
            : Task.FromResult(Invalid("level", "评价等级应为 1（非常满意）至 5（非常不满意）。"))), "好差评: record the resident's evaluation (1 best … 5 worst).");
        Map(cases.MapPost("/archive", (Guid id, [AsParameters] Context c) => c.ApplyAsync(id, CaseAction.Archive, ActionInput.None.Instance)), "归档: archive the closed case.");
    }

    private static Task<IResult> DecideAsync(Guid id, DecideRequest body, Context c)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.Approved is null) errors["approved"] = ["请选择办理结果：准予（true）或不予（false）。"];
        if (body.Seal is { } s)
        {
            if (string.IsNullOrWhiteSpace(s.Seal) || s.Seal.Length > 100) errors["seal.seal"] = ["请填写所用印章名称（不超过100字）。"];
            if (string.IsNullOrWhiteSpace(s.Document) || s.Document.Length > 200) errors["seal.document"] = ["请填写用印文书（不超过200字）。"];
        }

        if (errors.Count > 0) return Task.FromResult<IResult>(TypedResults.ValidationProblem(errors, title: "输入有误"));
        return c.ApplyAsync(id, CaseAction.Decide, new ActionInput.Decide(body.Approved!.Value, body.Text ?? ""), done =>
        {
            if (body.Seal is not { } seal) return null;
            if (done.Entry.JurisdictionId != done.Case.RegistrationTownshipId) return "只有户籍乡镇的办结使用审批服务专用章。";
            c.Db.SealUses.Add(new SealUse
            {
                Id = Guid.CreateVersion7(done.Entry.At), CaseId = done.Case.Id, JurisdictionId = done.Entry.JurisdictionId,
                Seal = seal.Seal!.Trim(), Document = seal.Document!.Trim(), UsedBy = done.Entry.ActorId, UsedAt = done.Entry.At,
            });
            return null;
        });
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
        /// <param name="also">Staged with the action in the same transaction; returns a refusal reason (409) to undo it all.</param>
        public async Task<IResult> ApplyAsync(Guid id, CaseAction action, ActionInput input, Func<WorkflowResult.Done, string?>? also = null)
        {
            var ct = Http.RequestAborted;
            if (!TryReadIfMatch(out var expected)) return Invalid("If-Match", "If-Match 应为案件版本号，例如 \"3\"。");

            var result = await Workflow.ApplyAsync(id, action, await Staff.CurrentAsync(ct), input, expected, ct);
            if (result is WorkflowResult.Done staged && also?.Invoke(staged) is { } refusal) result = new WorkflowResult.Refused(RefusalKind.IllegalTransition, refusal);
            return await CommitAsync(result, id, action.ToString());
        }

        /// <summary>Commits what the engine staged (one transaction) and answers with the case, or maps the refusal.</summary>
        public Task<IResult> CommitAsync(WorkflowResult result) => CommitAsync(result, null, null);

        /// <summary>
        /// As <see cref="CommitAsync(WorkflowResult)"/>; a refusal (403/409) of an action on a case is recorded in the
        /// audit trail with outcome <c>denied</c>, committed on its own since the action was not.
        /// </summary>
        public async Task<IResult> CommitAsync(WorkflowResult result, Guid? caseId, string? action)
        {
            if (result is WorkflowResult.Refused or WorkflowResult.Stale && caseId is { } refusedCase && action is not null)
            {
                var ct0 = Http.RequestAborted;
                Db.ChangeTracker.Clear();
                var reason = result switch { WorkflowResult.Refused r => r.Reason, _ => "案件版本已更新" };
                var actorId = (await Staff.CurrentAsync(ct0)).Id;
                if (await Db.Cases.AnyAsync(c => c.Id == refusedCase, ct0))
                {
                    Workflows.Runtime.Auditing.AuditTrail.Append(Db, Workflows.Runtime.Auditing.AuditEntry.ForCase(Clock.GetUtcNow(), actorId, $"case.{action}", refusedCase, Workflows.Auditing.AuditOutcomes.Denied, reason: reason.Length > 200 ? reason[..200] : reason));
                    await Db.SaveChangesAsync(ct0);
                }
            }

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
