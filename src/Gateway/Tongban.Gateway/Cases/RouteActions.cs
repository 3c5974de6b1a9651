using Microsoft.EntityFrameworkCore;
using Tongban.Gateway.Auth;
using Tongban.Gateway.Problems;
using Tongban.UseCases.Cases;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Routes;
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
        public ApplyRouteAction.SealRequest? Seal { get; init; }
    }

    public sealed record DeliverRequest(string? Method);

    public sealed record EvaluateRequest(int? Level);

    /// <summary>Any main-line step by its step kind: the fields of the step kind's own request (the others are ignored).</summary>
    public sealed record StepRequest(List<MissingMaterial>? Missing, List<string>? Materials, bool? Approved, string? Text, string? Method, int? Level)
    {
        public ApplyRouteAction.SealRequest? Seal { get; init; }
    }

    /// <summary>A branch task's step; 出具意见 (giveOpinion) carries agrees and text.</summary>
    public sealed record TaskStepRequest(bool? Agrees, string? Text);

    public static void MapRouteActions(this RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases/{id:guid}").WithTags("Route actions");

        Map(cases.MapPost("/forward", (Guid id, [AsParameters] Context c) => c.ApplyAsync(id, CaseAction.Forward)), "通办专员审核转办: forward to the registration township.");
        Map(cases.MapPost("/sign-for", (Guid id, [AsParameters] Context c) => c.ApplyAsync(id, CaseAction.SignFor)), "签收: the township back office signs for the case.");
        Map(cases.MapPost("/accept", (Guid id, [AsParameters] Context c) => c.ApplyAsync(id, CaseAction.Accept)), "受理: accept for handling.");
        Map(cases.MapPost("/return-for-correction", (Guid id, ReturnForCorrectionRequest body, [AsParameters] Context c) =>
            c.ApplyAsync(id, CaseAction.ReturnForCorrection, r => r with { Missing = body.Missing ?? [] })), "退回补正: return with every missing or defective material listed once.");
        Map(cases.MapPost("/resubmit", (Guid id, ResubmitRequest body, [AsParameters] Context c) =>
            c.ApplyAsync(id, CaseAction.Resubmit, r => r with { Materials = body.Materials ?? [] })), "补正提交: the window hands in the corrected materials.");
        Map(cases.MapPost("/handle", (Guid id, [AsParameters] Context c) => c.ApplyAsync(id, CaseAction.Handle)), "办理: start handling.");
        Map(cases.MapPost("/decide", (Guid id, DecideRequest body, [AsParameters] Context c) =>
            c.ApplyAsync(id, CaseAction.Decide, r => r with { Approved = body.Approved, Text = body.Text, Seal = body.Seal })), "办结: approve with a result or reject with a reason; a township decision that uses its approval seal records it (seal, document) in the seal ledger.");
        Map(cases.MapPost("/deliver", (Guid id, DeliverRequest body, [AsParameters] Context c) =>
            c.ApplyAsync(id, CaseAction.Deliver, r => r with { Method = body.Method })), "结果交付: deliver the result to the resident.");
        Map(cases.MapPost("/evaluate", (Guid id, EvaluateRequest body, [AsParameters] Context c) =>
            c.ApplyAsync(id, CaseAction.Evaluate, r => r with { Level = body.Level })), "好差评: record the resident's evaluation (1 best … 5 worst).");
        Map(cases.MapPost("/archive", (Guid id, [AsParameters] Context c) => c.ApplyAsync(id, CaseAction.Archive)), "归档: archive the closed case.");
        Map(cases.MapPost("/steps/{stepKind}", (Guid id, string stepKind, StepRequest? body, [AsParameters] Context c) =>
            // Intake opens a case (POST /api/cases) and giveOpinion is a branch task's (…/tasks/{taskId}/giveOpinion): not here.
            StepKinds.ActionOf(stepKind) is { } action && action is not (CaseAction.Intake or CaseAction.GiveOpinion)
                ? c.ApplyAsync(id, action, r => r with { Missing = body?.Missing, Materials = body?.Materials, Approved = body?.Approved, Text = body?.Text, Seal = body?.Seal, Method = body?.Method, Level = body?.Level })
                : Task.FromResult<IResult>(TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "没有这个办理环节", detail: $"未知的环节类型「{(stepKind.Length > 40 ? stepKind[..40] : stepKind)}」。"))),
            "Any step of the route by its step kind as routes name it (forward, signFor, accept, returnForCorrection, resubmit, handle, decide, deliver, evaluate, archive), with that step's fields; the same use case as the named endpoints. Unknown step kind: 404.");
        Map(cases.MapPost("/tasks/{taskId:guid}/{stepKind}", async (Guid id, Guid taskId, string stepKind, TaskStepRequest? body, [AsParameters] Context c, ApplyTaskAction useCase) =>
        {
            if (!IfMatch.TryRead(c.Http.Request, out var expected)) return IfMatch.Invalid();
            var request = new ApplyTaskAction.Request(id, taskId, stepKind, expected) { Agrees = body?.Agrees, Text = body?.Text };
            var answer = new CaseAnswer(c.Http, c.Staff, c.Db, c.Items, c.Calendars, c.Clock);
            return await answer.ToHttpAsync(await useCase.HandleAsync(request, await answer.ActorAsync(), answer.Aborted));
        }), "并联办理: a step on a branch task by the route's step kind (giveOpinion: an assisting unit's opinion, agrees and text); the case's join goes on once every task of its fork is done. Unknown step kind or task: 404.");
    }

    private static void Map(RouteHandlerBuilder endpoint, string summary) => endpoint
        .WithSummary(summary)
        .WithDescription(MinimalAnswer.Description)
        .Produces<CaseView>()
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    /// <summary>What every route action needs, bound once.</summary>
    public readonly record struct Context(HttpContext Http, StaffActors Staff, TongbanDbContext Db, ItemVersionCache Items, CalendarProvider Calendars, TimeProvider Clock, ApplyRouteAction UseCase)
    {
        private CaseAnswer Answer => new(Http, Staff, Db, Items, Calendars, Clock);

        /// <summary>Translates the request (If-Match, body) into the use case's and its outcome into HTTP.</summary>
        public async Task<IResult> ApplyAsync(Guid id, CaseAction action, Func<ApplyRouteAction.Request, ApplyRouteAction.Request>? body = null)
        {
            if (!IfMatch.TryRead(Answer.Http.Request, out var expected)) return IfMatch.Invalid();
            var request = new ApplyRouteAction.Request(id, action, expected);
            return await Answer.ToHttpAsync(await UseCase.HandleAsync(body?.Invoke(request) ?? request, await Answer.ActorAsync(), Answer.Aborted));
        }
    }
}
