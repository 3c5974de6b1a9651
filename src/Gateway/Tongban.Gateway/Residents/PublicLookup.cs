using System.Globalization;
using Tongban.Gateway.Problems;
using Tongban.UseCases.Residents;

namespace Tongban.Gateway.Residents;

/// <summary>
/// POST /api/public/lookup: the resident's progress lookup without a staff login — the same use case, limits and
/// record as the page /lookup. One of the two anonymous API calls (with login); every other needs a token.
/// </summary>
public static class PublicLookup
{
    public sealed record Body(string? CaseNumber, string? IdTail);

    public static void MapPublicLookup(this RouteGroupBuilder api) =>
        api.MapPost("/public/lookup", HandleAsync)
            .AllowAnonymous()
            .WithTags("Residents")
            .WithSummary("Progress of a case for the resident: case number and the last six characters of the applicant's ID number. 404 alike for an unknown case and a wrong ID part; 429 after too many attempts from one address or for one case.")
            .Produces<LookUpCase.CaseProgress>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static async Task<IResult> HandleAsync(Body body, LookUpCase useCase, HttpContext http, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "no-store";
        var outcome = await useCase.HandleAsync(new(body.CaseNumber, body.IdTail) { ClientAddress = http.Connection.RemoteIpAddress?.ToString(), Door = "api" }, ct);
        return outcome.ToHttp(answer => answer.Result switch
        {
            LookUpCase.Result.Found => TypedResults.Ok(answer.Progress),
            LookUpCase.Result.NoMatch => TypedResults.Problem(LookUpCase.NoMatchText, statusCode: StatusCodes.Status404NotFound, title: "未查到"),
            _ => TryLater(http),
        });
    }

    public static IResult TryLater(HttpContext http)
    {
        http.Response.Headers.RetryAfter = 60.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(LookUpCase.TryLaterText, statusCode: StatusCodes.Status429TooManyRequests, title: "请稍后再试");
    }
}
