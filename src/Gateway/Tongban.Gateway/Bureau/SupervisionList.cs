using Tongban.Gateway.Auth;
using Tongban.Gateway.Problems;
using Tongban.UseCases.Bureau;
using Tongban.Workflows.Runtime.Clocks;

namespace Tongban.Gateway.Bureau;

/// <summary>GET /api/bureau/supervision: supervision items (督办) and escalations (通报), for the bureau; <see cref="ListSupervisionItems"/>, translated.</summary>
public static class SupervisionList
{
    public static void MapSupervisionList(this RouteGroupBuilder api) =>
        api.MapGet("/bureau/supervision", HandleAsync)
            .WithTags("Bureau")
            .WithSummary("Supervision items: unit, post, person and since when; open ones by default.")
            .Produces<List<SupervisionItem>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

    private static async Task<IResult> HandleAsync(StaffActors staff, ListSupervisionItems list, CancellationToken ct, bool open = true, string? jurisdiction = null, int limit = 200) =>
        await list.HandleAsync(new ListSupervisionItems.Request(await staff.CurrentAsync(ct), open, jurisdiction, limit), ct) switch
        {
            ListSupervisionItems.Result.Listed listed => TypedResults.Ok(listed.Items),
            ListSupervisionItems.Result.Refused refused => CaseProblems.Forbidden(refused.Reason),
            ListSupervisionItems.Result.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: "输入有误"),
            var other => throw new InvalidOperationException(other.GetType().Name),
        };
}
