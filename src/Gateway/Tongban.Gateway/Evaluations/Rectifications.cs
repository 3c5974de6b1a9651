using Tongban.Gateway.Auth;
using Tongban.Gateway.Problems;
using Tongban.UseCases.Evaluations;
using Tongban.Workflows.Runtime.Evaluations;

namespace Tongban.Gateway.Evaluations;

/// <summary>
/// GET /api/rectifications and POST /api/rectifications/{id}/{contact|rectify|revisit}: 差评整改 for the unit that
/// handled a badly rated case. Shows no rater and no recording clerk. Steps in order: contact, rectify, revisit.
/// </summary>
public static class Rectifications
{
    public sealed record StepRequest(string? Note, bool? Satisfied);

    public sealed record Row(Guid Id, Guid CaseId, string CaseNumber, int Level, string JurisdictionId, string PostId, DateTimeOffset OpenedAt,
        DateTimeOffset ContactDueAt, DateTimeOffset RectifyDueAt, DateTimeOffset? ContactedAt, string? ContactNote, DateTimeOffset? RectifiedAt,
        string? RectificationNote, DateTimeOffset? RevisitedAt, bool? RevisitSatisfied, string? RevisitNote);

    public static void MapRectifications(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/rectifications").WithTags("Evaluation follow-up");
        group.MapGet("/", async (ListRectifications useCase, StaffActors staff, CancellationToken ct, bool open = true) =>
                (await useCase.HandleAsync(new(open), await staff.CurrentAsync(ct), ct)).ToHttp(items => TypedResults.Ok(items.Select(ToRow).ToList())))
            .WithSummary("Rectification items of the caller's jurisdictions (the bureau: the county); open ones by default. Never names the rater.").Produces<List<Row>>();
        foreach (var (path, step) in new[] { ("contact", RectificationStep.Contact), ("rectify", RectificationStep.Rectify), ("revisit", RectificationStep.Revisit) })
        {
            group.MapPost($"/{{id:guid}}/{path}", async (Guid id, StepRequest body, RecordRectificationStep useCase, StaffActors staff, CancellationToken ct) =>
                    (await useCase.HandleAsync(new(id, step, body.Note, body.Satisfied), await staff.CurrentAsync(ct), ct)).ToHttp(item => TypedResults.Ok(ToRow(item))))
                .WithSummary(step switch
                {
                    RectificationStep.Contact => "Record contacting the resident (due within 1 working day).",
                    RectificationStep.Rectify => "Record the rectification (due within 15 working days).",
                    _ => "Record the revisit result (satisfied or not).",
                })
                .Produces<Row>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        }
    }

    private static Row ToRow(RectificationItem r) => new(r.Id, r.CaseId, r.CaseNumber, r.Level, r.JurisdictionId, r.PostId, r.OpenedAt, r.ContactDueAt, r.RectifyDueAt,
        r.ContactedAt, r.ContactNote, r.RectifiedAt, r.RectificationNote, r.RevisitedAt, r.RevisitSatisfied, r.RevisitNote);
}
