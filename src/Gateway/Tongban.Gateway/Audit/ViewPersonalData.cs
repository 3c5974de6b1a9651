using Microsoft.AspNetCore.Mvc;
using Tongban.Gateway.Auth;
using Tongban.Gateway.Problems;
using PersonalData = Tongban.UseCases.Audit.ViewPersonalData;

namespace Tongban.Gateway.Audit;

/// <summary>
/// POST /api/cases/{id}/personal-data: the applicant's unmasked name, ID number and phone with a stated reason
/// (<see cref="PersonalData"/>: reason 4–200 characters, audited, refusals too).
/// </summary>
public static class ViewPersonalData
{
    public sealed record Request(string? Reason);

    public static void MapViewPersonalData(this RouteGroupBuilder api) =>
        api.MapPost("/cases/{id:guid}/personal-data", HandleAsync)
            .WithTags("Personal data")
            .WithSummary("Full view of the applicant's personal data (name, ID number, phone) with a stated reason (4–200 characters). Audited, refusals too.")
            .Produces<PersonalData.PersonalDataView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(Guid id, [FromBody] Request? request, HttpContext http, StaffActors staff, PersonalData useCase, CancellationToken ct)
    {
        var outcome = await useCase.HandleAsync(new(id, request?.Reason), await staff.CurrentAsync(ct), ct);
        return outcome.ToHttp(view =>
        {
            // Personal data must not linger in browser or proxy caches.
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.Ok(view);
        });
    }
}
