using Tongban.Gateway.Auth;
using Tongban.Gateway.Problems;
using Tongban.UseCases.Bureau;

namespace Tongban.Gateway.Bureau;

/// <summary>
/// GET /api/bureau/accountability: 责任追究 for every case that went overdue; <see cref="ReadAccountability"/>,
/// translated.
/// </summary>
public static class Accountability
{
    public static void MapAccountability(this RouteGroupBuilder api) =>
        api.MapGet("/bureau/accountability", HandleAsync)
            .WithTags("Bureau")
            .WithSummary("Every case that went overdue: who held it, at which stage, since when, and whether an extension or stopped clock applied. Bureau supervisors only.")
            .Produces<List<ReadAccountability.Row>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

    private static async Task<IResult> HandleAsync(StaffActors staff, ReadAccountability accountability, CancellationToken ct, string? jurisdiction = null, int limit = 200) =>
        await accountability.HandleAsync(new ReadAccountability.Request(await staff.CurrentAsync(ct), jurisdiction, limit), ct) switch
        {
            ReadAccountability.Result.Read read => TypedResults.Ok(read.Rows),
            ReadAccountability.Result.Refused refused => CaseProblems.Forbidden(refused.Reason),
            ReadAccountability.Result.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: "输入有误"),
            var other => throw new InvalidOperationException(other.GetType().Name),
        };
}
