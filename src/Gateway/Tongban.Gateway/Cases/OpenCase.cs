using Microsoft.AspNetCore.Mvc;
using Tongban.Gateway.Problems;
using Tongban.UseCases.Intake;

namespace Tongban.Gateway.Cases;

/// <summary>
/// POST /api/cases: 接件 at the intake window (<see cref="OpenCase"/>). 201 with the case for a new case; 200 with
/// the case it opened when the same submission comes again with its Idempotency-Key.
/// </summary>
public static class OpenCaseEndpoint
{
    public sealed record Request(string? ItemCode, string? Mode, ApplicantRequest? Applicant, string? RegistrationTownshipId, List<string>? Materials)
    {
        /// <summary>容缺受理: non-essential materials the applicant promises in writing to supply later.</summary>
        public List<string>? DeferredMaterials { get; init; }

        /// <summary>Working days to supply them (county default when omitted).</summary>
        public int? PromiseWorkingDays { get; init; }

        /// <summary>Window (default), DoorToDoor (上门代办) or Online (网上办, staff call-back).</summary>
        public string? Channel { get; init; }

        /// <summary>授权委托 for 帮办代办; required for DoorToDoor.</summary>
        public AuthorisationRequest? Authorisation { get; init; }

        /// <summary>The consultation this application follows (recorded at this community): its staff member is the first-contact person.</summary>
        public Guid? ConsultationId { get; init; }

        /// <summary>True when the resident does not want milestone notices (SMS).</summary>
        public bool? NoticesOptOut { get; init; }

        /// <summary>The online request this intake opens (after its call-back and collection): channel Online, the call-back person first contact.</summary>
        public Guid? RequestId { get; init; }

        /// <summary>The door-to-door appointment this intake ends (channel DoorToDoor).</summary>
        public Guid? VisitId { get; init; }
    }

    /// <summary>Who applies on the resident's behalf (staff login or grid worker's name), for what, signed on which day, through which channel (default: the case's).</summary>
    public sealed record AuthorisationRequest(string? Agent, string? Scope, DateOnly? SignedOn, string? Channel);

    public sealed record ApplicantRequest(string? Name, string? IdNumber, string? Phone);

    public static void MapOpenCase(this RouteGroupBuilder api) =>
        api.MapPost("/cases", HandleAsync)
            .WithTags("Cases")
            .WithSummary("Intake (接件): open a case at the caller's community window.")
            .WithDescription(MinimalAnswer.Description)
            .Produces<CaseView>(StatusCodes.Status201Created)
            .Produces<CaseView>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> HandleAsync(Request body, [FromHeader(Name = OpenCase.IdempotencyKeyField)] string? idempotencyKey, OpenCase useCase, [AsParameters] CaseAnswer answer)
    {
        var request = new OpenCase.Request(
            body.ItemCode, body.Mode, body.Applicant is { } a ? new OpenCase.Applicant(a.Name, a.IdNumber, a.Phone) : null, body.RegistrationTownshipId, body.Materials)
        {
            DeferredMaterials = body.DeferredMaterials,
            PromiseWorkingDays = body.PromiseWorkingDays,
            Channel = body.Channel,
            Authorisation = body.Authorisation is { } auth ? new OpenCase.AuthorisationRequest(auth.Agent, auth.Scope, auth.SignedOn, auth.Channel) : null,
            ConsultationId = body.ConsultationId,
            IdempotencyKey = idempotencyKey,
            NoticesOptOut = body.NoticesOptOut,
            RequestId = body.RequestId,
            VisitId = body.VisitId,
        };
        var outcome = await useCase.HandleAsync(request, await answer.ActorAsync(), answer.Aborted);
        return await outcome.ToHttpAsync(async opened =>
        {
            answer.Http.Response.Headers.ETag = $"\"{opened.Case.Version}\"";
            if (MinimalAnswer.IsPreferred(answer.Http.Request))
            {
                var minimal = MinimalAnswer.Of(opened.Case, answer.Http.Response);
                return opened.IsNew ? TypedResults.Created($"/api/cases/{opened.Case.Id}", minimal) : TypedResults.Ok(minimal);
            }

            var view = await CaseView.LoadAsync(answer.Db, answer.Items, answer.Calendars, answer.Clock.GetUtcNow(), opened.Case, withHistory: true, answer.Aborted);
            return opened.IsNew ? TypedResults.Created($"/api/cases/{opened.Case.Id}", view) : TypedResults.Ok(view);
        });
    }
}
