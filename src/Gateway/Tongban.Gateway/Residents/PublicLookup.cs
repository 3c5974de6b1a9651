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
    /// <param name="IdTail">The last six characters of the applicant's ID number; or, instead,</param>
    /// <param name="Code">the six-digit one-time code sent to the phone on file (POST /api/public/lookup/code).</param>
    public sealed record Body(string? CaseNumber, string? IdTail, string? Code = null);

    public sealed record CodeBody(string? CaseNumber);

    /// <summary>The answer to every accepted code request, case or no case.</summary>
    public sealed record CodeSent(string Message);

    public static void MapPublicLookup(this RouteGroupBuilder api)
    {
        api.MapPost("/public/lookup", HandleAsync)
            .AllowAnonymous()
            .WithTags("Residents")
            .WithSummary("Progress of a case for the resident: case number and either the last six characters of the applicant's ID number (idTail) or a one-time code sent to the phone on file (code) — exactly one. 404 alike for an unknown case, a wrong ID part and a wrong, expired or used code; 429 after too many attempts from one address or for one case.")
            .Produces<LookUpCase.CaseProgress>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapPost("/public/lookup/code", RequestCodeAsync)
            .AllowAnonymous()
            .WithTags("Residents")
            .WithSummary("Sends a six-digit one-time code for the progress lookup to the phone on file of the case. 202 with the same answer whether or not the case exists or has a phone; 429 with Retry-After for a second code for the same number within a minute, an eleventh within 24 hours, or too many attempts from one address.")
            .Produces<CodeSent>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    private static async Task<IResult> RequestCodeAsync(CodeBody body, RequestLookupCode useCase, HttpContext http, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "no-store";
        var outcome = await useCase.HandleAsync(new(body.CaseNumber) { ClientAddress = http.Connection.RemoteIpAddress?.ToString(), Door = "api" }, ct);
        return outcome.ToHttp(answer => answer.Sent
            ? TypedResults.Json(new CodeSent(RequestLookupCode.SentText), statusCode: StatusCodes.Status202Accepted)
            : TryLater(http, answer.RetryAfter));
    }

    private static async Task<IResult> HandleAsync(Body body, LookUpCase useCase, HttpContext http, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "no-store";
        var outcome = await useCase.HandleAsync(new(body.CaseNumber, body.IdTail, body.Code) { ClientAddress = http.Connection.RemoteIpAddress?.ToString(), Door = "api" }, ct);
        return outcome.ToHttp(answer => answer.Result switch
        {
            LookUpCase.Result.Found => TypedResults.Ok(answer.Progress),
            LookUpCase.Result.NoMatch => TypedResults.Problem(LookUpCase.NoMatchText, statusCode: StatusCodes.Status404NotFound, title: "未查到"),
            _ => TryLater(http),
        });
    }

    public static IResult TryLater(HttpContext http, TimeSpan? after = null)
    {
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling((after ?? TimeSpan.FromMinutes(1)).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(LookUpCase.TryLaterText, statusCode: StatusCodes.Status429TooManyRequests, title: "请稍后再试");
    }
}
