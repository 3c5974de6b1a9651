using Tongban.Gateway.Problems;
using Tongban.UseCases;
using Tongban.UseCases.Cases;

namespace Tongban.Gateway.Cases;

/// <summary>
/// GET /api/cases/{id}: a case with its full history; GET /api/cases/{id}/timeline: the same read model the case
/// page shows (stages with their dues, entries in words). Both for staff of its jurisdictions and the bureau.
/// </summary>
public static class GetCase
{
    public static void MapGetCase(this RouteGroupBuilder api)
    {
        api.MapGet("/cases/{id:guid}", HandleAsync)
            .WithTags("Cases")
            .WithSummary("A case with its full history (ETag = version, for If-Match on actions).")
            .Produces<CaseView>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/cases/{id:guid}/timeline", TimelineAsync)
            .WithTags("Cases")
            .WithSummary("The case's timeline as the case page shows it: stages (专员审核, 签收, 受理, 办理) with began, due (current working-day calendar, approved extensions), took and late; entries with who, where, for whom and what they carried.")
            .Produces<CaseTimeline>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/cases/{id:guid}/route.svg", DiagramAsync)
            .WithTags("Cases")
            .WithSummary("The case's route as an SVG diagram with where it is now: its own node and every open branch task (并联办理), with the post holding it, red when late.")
            .Produces<string>(contentType: "image/svg+xml")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> DiagramAsync(Guid id, DrawCaseRoute useCase, [AsParameters] CaseAnswer answer) =>
        await useCase.HandleAsync(new(id), await answer.ActorAsync(), answer.Aborted) switch
        {
            Outcome<string>.Ok ok => TypedResults.Text(ok.Value, "image/svg+xml"),
            Outcome<string>.Forbidden forbidden => CaseProblems.Forbidden(forbidden.Reason),
            var other => await other.ToHttpAsync(svg => Task.FromResult<IResult>(TypedResults.Text(svg, "image/svg+xml"))),
        };

    private static async Task<IResult> HandleAsync(Guid id, UseCases.Cases.GetCase useCase, [AsParameters] CaseAnswer answer) =>
        await AnswerAsync(await useCase.HandleAsync(new(id), await answer.ActorAsync(), answer.Aborted), found => answer.ToHttpAsync(found.Case));

    private static async Task<IResult> TimelineAsync(Guid id, UseCases.Cases.GetCase useCase, [AsParameters] CaseAnswer answer) =>
        await AnswerAsync(await useCase.HandleAsync(new(id, WithTimeline: true), await answer.ActorAsync(), answer.Aborted), found =>
        {
            answer.Http.Response.Headers.ETag = $"\"{found.Case.Version}\"";
            return Task.FromResult<IResult>(TypedResults.Ok(found.Timeline));
        });

    /// <summary>A refusal as before use cases (403 titled 无权访问: reading, not acting); the case otherwise.</summary>
    private static async Task<IResult> AnswerAsync(Outcome<UseCases.Cases.GetCase.Found> outcome, Func<UseCases.Cases.GetCase.Found, Task<IResult>> ok) =>
        outcome is Outcome<UseCases.Cases.GetCase.Found>.Forbidden forbidden ? CaseProblems.Forbidden(forbidden.Reason) : await outcome.ToHttpAsync(ok);
}
