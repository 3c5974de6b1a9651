using Tongban.Gateway.Auth;
using Tongban.Gateway.Problems;
using Tongban.Gateway.Residents;
using Tongban.UseCases;
using Tongban.UseCases.Visits;
using Tongban.Workflows.Residents;

namespace Tongban.Gateway.Visits;

/// <summary>
/// 预约上门 over HTTP. Public (no login, like the progress lookup): the bookable days of a community and the booking.
/// Staff: the days a community publishes (unit head or administrator), booking on the phone, the community's
/// visits (masked), a visit's full contact (audited) and taking a visit. Each only translates its use case.
/// </summary>
public static class VisitEndpoints
{
    public sealed record PublicBooking(string? CommunityId, string? Name, string? Phone, string? Address, string? Reason, DateOnly? Day, bool? Consent, string? ItemCode);

    public sealed record StaffBooking(string? CommunityId, string? Name, string? Phone, string? Address, string? Reason, DateOnly? Day, bool? Consent, string? ItemCode, string? GridCode);

    public sealed record SlotsRequest(string? CommunityId, DateOnly? From, DateOnly? To, int? Capacity);

    public static void MapVisits(this RouteGroupBuilder api)
    {
        api.MapGet("/public/visit-days", DaysAsync).AllowAnonymous().WithTags("Residents")
            .WithSummary("The days a resident may book a door-to-door visit at a community (published working days from tomorrow, with places left). No login.")
            .Produces<List<VisitDay>>().ProducesValidationProblem();
        api.MapPost("/public/visits", BookPublicAsync).AllowAnonymous().WithTags("Residents")
            .WithSummary("Book a door-to-door visit (预约上门) for a resident of a special group, with consent; no login. 409 when the day is full (the last place went to another booking); 429 after too many bookings from one address.")
            .Produces<BookVisit.Booked>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);

        var group = api.MapGroup("/visits").WithTags("Visits");
        group.MapPut("/slots", SetSlotsAsync)
            .WithSummary("Publish a community's door-to-door days: the capacity of every working day (county calendar) in [from, to]. The community's unit head or the administrator.")
            .Produces<SetVisitSlots.Answer>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/", BookStaffAsync)
            .WithSummary("Book a door-to-door visit on the resident's behalf (taken on the phone). The community's staff.")
            .Produces<BookVisit.Booked>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", ListAsync)
            .WithSummary("The community's visits from a week ago on (default: the caller's community), name, phone and address masked. The community's staff and unit head.")
            .Produces<ListVisits.Answer>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/{id:guid}", ViewAsync)
            .WithSummary("A visit's full contact for the staff going there; every view is audited.")
            .Produces<ViewVisit.Full>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/take", TakeAsync)
            .WithSummary("Take a booked visit (it becomes the caller's to make); 409 when another staff member took it.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/cancel", CancelAsync)
            .WithSummary("Cancel a booked visit (the resident called it off): its place goes back to the day.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> DaysAsync(ListVisitDays useCase, HttpContext http, CancellationToken ct, string? community = null)
    {
        http.Response.Headers.CacheControl = "no-store";
        return (await useCase.HandleAsync(new(community), ct)).ToHttp(days => TypedResults.Ok(days));
    }

    private static async Task<IResult> BookPublicAsync(PublicBooking body, BookVisit useCase, HttpContext http, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "no-store";
        var request = new BookVisit.Request(body.CommunityId, body.Name, body.Phone, body.Address, body.Reason, body.Day, body.Consent)
        {
            ItemCode = body.ItemCode, ClientAddress = http.Connection.RemoteIpAddress?.ToString(),
        };
        return Answer(await useCase.HandleAsync(request, actor: null, ct), http);
    }

    private static async Task<IResult> BookStaffAsync(StaffBooking body, BookVisit useCase, StaffActors staff, HttpContext http, CancellationToken ct)
    {
        var request = new BookVisit.Request(body.CommunityId, body.Name, body.Phone, body.Address, body.Reason, body.Day, body.Consent) { ItemCode = body.ItemCode, GridCode = body.GridCode };
        return Answer(await useCase.HandleAsync(request, await staff.CurrentAsync(ct), ct), http);
    }

    private static IResult Answer(Outcome<BookVisit.Answer> outcome, HttpContext http) => outcome.ToHttp(answer => answer.TryLater
        ? TooMany(http)
        : TypedResults.Created($"/api/visits/{answer.Booking!.Id}", answer.Booking));

    private static IResult TooMany(HttpContext http)
    {
        http.Response.Headers.RetryAfter = "3600";
        return TypedResults.Problem(BookVisit.TryLaterText, statusCode: StatusCodes.Status429TooManyRequests, title: "请稍后再试");
    }

    private static async Task<IResult> SetSlotsAsync(SlotsRequest body, SetVisitSlots useCase, StaffActors staff, CancellationToken ct) =>
        (await useCase.HandleAsync(new(body.CommunityId, body.From, body.To, body.Capacity), await staff.CurrentAsync(ct), ct)).ToHttp(a => TypedResults.Ok(a));

    private static async Task<IResult> ListAsync(ListVisits useCase, StaffActors staff, CancellationToken ct, string? community = null) =>
        (await useCase.HandleAsync(new(community), await staff.CurrentAsync(ct), ct)).ToHttp(a => TypedResults.Ok(a));

    private static async Task<IResult> ViewAsync(Guid id, ViewVisit useCase, StaffActors staff, HttpContext http, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "no-store";
        return (await useCase.HandleAsync(new(id), await staff.CurrentAsync(ct), ct)).ToHttp(v => TypedResults.Ok(v));
    }

    private static async Task<IResult> CancelAsync(Guid id, CancelVisit useCase, StaffActors staff, CancellationToken ct) =>
        (await useCase.HandleAsync(new(id), await staff.CurrentAsync(ct), ct)).ToHttp(_ => TypedResults.NoContent());

    private static async Task<IResult> TakeAsync(Guid id, TakeVisit useCase, StaffActors staff, CancellationToken ct) =>
        (await useCase.HandleAsync(new(id), await staff.CurrentAsync(ct), ct)).ToHttp(_ => TypedResults.NoContent());
}
