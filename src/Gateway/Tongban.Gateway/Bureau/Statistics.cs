using Tongban.Gateway.Auth;
using Tongban.Gateway.Problems;
using Tongban.UseCases.Bureau;

namespace Tongban.Gateway.Bureau;

/// <summary>GET /api/bureau/statistics: <see cref="ReadStatistics"/>, translated.</summary>
public static class Statistics
{
    public static void MapStatistics(this RouteGroupBuilder api) =>
        api.MapGet("/bureau/statistics", HandleAsync)
            .WithTags("Bureau")
            .WithSummary("Breaches of 一次性告知 (approved second corrections), overdue cases, bad reviews and 他点代本点收件 per township; cases and authorisations per channel; per community cases by channel, 本点代他点收件, visits made, online requests called back within / after their limit or still open past it, and residents served (counts only). Optional from/to bound the period. Bureau supervisors only.")
            .Produces<ReadStatistics.Answer>()
            .ProducesProblem(StatusCodes.Status403Forbidden);

    private static async Task<IResult> HandleAsync(StaffActors staff, ReadStatistics statistics, CancellationToken ct, DateTimeOffset? from = null, DateTimeOffset? to = null) =>
        await statistics.HandleAsync(new ReadStatistics.Request(await staff.CurrentAsync(ct), from, to), ct) switch
        {
            ReadStatistics.Result.Read read => TypedResults.Ok(read.Answer),
            ReadStatistics.Result.Refused refused => CaseProblems.Forbidden(refused.Reason),
            var other => throw new InvalidOperationException(other.GetType().Name),
        };
}
