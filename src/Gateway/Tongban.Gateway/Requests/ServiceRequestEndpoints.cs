using System.Globalization;
using Tongban.Gateway.Auth;
using Tongban.Gateway.Problems;
using Tongban.UseCases.Requests;

namespace Tongban.Gateway.Requests;

/// <summary>
/// Online requests with call-back (网上咨询/预约 → 回访 → 上门收件): the resident's anonymous POST
/// /api/public/requests; the community's list, full contact (audited) and call-back; the grid worker's
/// collections. The doors only translate: each is one use case in <c>UseCases/Requests</c>.
/// </summary>
public static class ServiceRequestEndpoints
{
    public sealed record SubmitBody(string? ItemCode, string? Name, string? Phone, string? PreferredTime, string? Address, string? CommunityId, string? GridId, bool? Consent);

    /// <summary>What the resident is told: a reference and the call-back limit, nothing personal.</summary>
    public sealed record Submitted(string Reference, string CommunityName, DateTimeOffset CallBackBy);

    public sealed record ContactBody(string? Reason);

    public sealed record CallBackBody(string? Outcome, DateTimeOffset? AppointmentAt, string? Address, string? GridId, string? Note, int? Version);

    public sealed record CallBackView(ListRequests.Row Request, Guid ConsultationId, Guid? CollectionTaskId, string? CollectionAssignedTo);

    public sealed record CollectedBody(List<string>? Materials, string? Note, int? Version);

    public sealed record CollectedView(Guid Id, Guid RequestId, IReadOnlyList<string> Collected, string CollectedBy, DateTimeOffset? CollectedAt);

    public static void MapServiceRequests(this RouteGroupBuilder api)
    {
        api.MapPost("/public/requests", SubmitAsync)
            .AllowAnonymous()
            .WithTags("Residents")
            .WithSummary("An online request (网上咨询/预约) by a resident, no login: creates a request in the community's queue with a call-back limit; answers its reference and the limit, nothing personal. 429 after too many from one address.")
            .Produces<Submitted>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        var requests = api.MapGroup("/requests").WithTags("Online requests");
        requests.MapGet("/", ListAsync).WithSummary("The online requests of the caller's community (window clerks, specialists): masked, waiting call-backs first, overdue marked.")
            .Produces<IReadOnlyList<ListRequests.Row>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        requests.MapGet("/{id:guid}", GetAsync).WithSummary("One online request (masked): call-back, collection and the case it became.")
            .Produces<ListRequests.Row>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        requests.MapPost("/{id:guid}/personal-data", ContactAsync).WithSummary("The resident's full name, phone and address, with a stated reason (audited; refused attempts too).")
            .Produces<ViewRequestContact.Contact>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        requests.MapPost("/{id:guid}/call-back", CallBackAsync).WithSummary("Record the call-back: Answered, ListTold or NeedsCollection (with appointmentAt, address, gridId). The caller becomes the first-contact person. Once only (409).")
            .Produces<CallBackView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var collections = api.MapGroup("/collections").WithTags("Online requests");
        collections.MapGet("/", CollectionsAsync).WithSummary("The grid worker's collections at home (their grid posts), open ones first by appointment.")
            .Produces<IReadOnlyList<ListCollections.Row>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        collections.MapPost("/{id:guid}/collected", CollectedAsync).WithSummary("Record what the grid worker collected (material codes of the item). Once only (409).")
            .Produces<CollectedView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> SubmitAsync(SubmitBody body, SubmitRequest useCase, HttpContext http, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "no-store";
        var outcome = await useCase.HandleAsync(
            new(body.ItemCode, body.Name, body.Phone, body.PreferredTime, body.Address, body.CommunityId, body.GridId, body.Consent) { ClientAddress = http.Connection.RemoteIpAddress?.ToString() }, ct);
        return outcome.ToHttp(answer => answer.Result == SubmitRequest.Result.Submitted
            ? TypedResults.Created((string?)null, new Submitted(answer.Reference!, answer.CommunityName!, answer.CallBackBy!.Value))
            : TryLater(http));
    }

    private static IResult TryLater(HttpContext http)
    {
        http.Response.Headers.RetryAfter = 3600.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(SubmitRequest.TryLaterText, statusCode: StatusCodes.Status429TooManyRequests, title: "请稍后再试");
    }

    private static async Task<IResult> ListAsync(ListRequests useCase, StaffActors staff, CancellationToken ct, string? status = null, int? take = null) =>
        (await useCase.HandleAsync(new(status, take), await staff.CurrentAsync(ct), ct)).ToHttp(rows => TypedResults.Ok(rows));

    private static async Task<IResult> GetAsync(Guid id, GetRequest useCase, StaffActors staff, CancellationToken ct) =>
        (await useCase.HandleAsync(new(id), await staff.CurrentAsync(ct), ct)).ToHttp(row => TypedResults.Ok(row));

    private static async Task<IResult> ContactAsync(Guid id, ContactBody body, ViewRequestContact useCase, StaffActors staff, HttpContext http, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "no-store";
        return (await useCase.HandleAsync(new(id, body.Reason), await staff.CurrentAsync(ct), ct)).ToHttp(contact => TypedResults.Ok(contact));
    }

    private static async Task<IResult> CallBackAsync(Guid id, CallBackBody body, RecordCallBack useCase, GetRequest get, StaffActors staff, CancellationToken ct)
    {
        var actor = await staff.CurrentAsync(ct);
        var outcome = await useCase.HandleAsync(new(id, body.Outcome, body.AppointmentAt, body.Address, body.GridId, body.Note, body.Version), actor, ct);
        if (outcome is not UseCases.Outcome<RecordCallBack.Recorded>.Ok { Value: var recorded }) return outcome.ToHttp(_ => TypedResults.Ok());
        var row = await get.HandleAsync(new(id), actor, ct);
        return row.ToHttp(r => TypedResults.Ok(new CallBackView(r, recorded.Consultation.Id, recorded.Collection?.Id, recorded.Collection?.AssignedStaffId)));
    }

    private static async Task<IResult> CollectionsAsync(ListCollections useCase, StaffActors staff, CancellationToken ct, int? take = null) =>
        (await useCase.HandleAsync(new(take), await staff.CurrentAsync(ct), ct)).ToHttp(rows => TypedResults.Ok(rows));

    private static async Task<IResult> CollectedAsync(Guid id, CollectedBody body, RecordCollection useCase, StaffActors staff, CancellationToken ct) =>
        (await useCase.HandleAsync(new(id, body.Materials, body.Note, body.Version), await staff.CurrentAsync(ct), ct))
            .ToHttp(t => TypedResults.Ok(new CollectedView(t.Id, t.RequestId, t.Collected, t.CollectedBy!, t.CollectedAt)));
}
