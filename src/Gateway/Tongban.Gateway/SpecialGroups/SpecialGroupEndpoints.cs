using Tongban.Gateway.Auth;
using Tongban.Gateway.Problems;
using Tongban.UseCases.SpecialGroups;

namespace Tongban.Gateway.SpecialGroups;

/// <summary>
/// 特殊群体台账 and 主动服务清单 over HTTP, for the community's staff and unit head only (403 for everyone else):
/// record a row, list the register masked, view one row in full with a reason (audited), the proactive list.
/// </summary>
public static class SpecialGroupEndpoints
{
    public sealed record AddRequest(string? CommunityId, string? GridCode, string? Name, string? IdNumber, string? Phone, string? Group, int? DisabilityGrade,
        DateOnly? Since, DateOnly? Until, string? ContactName, string? ContactPhone, string? Note);

    public sealed record ViewRequest(string? Reason);

    public static void MapSpecialGroups(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/special-groups").WithTags("Special groups");
        group.MapPost("/", AddAsync)
            .WithSummary("Record a resident in a special group (高龄, 残疾 with grade, 重病, 独居, 烈属, 低保, 其他) of the community's register, until the purpose ends.")
            .Produces<Guid>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", ListAsync)
            .WithSummary("The community's register (default: the caller's community), optionally one grid; masked. Rows past their purpose are deleted first.")
            .Produces<ListSpecialGroupMembers.Answer>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/{id:guid}/view", ViewAsync)
            .WithSummary("One row in full: a reason (4–200 characters) is required; every view and refusal is audited.")
            .Produces<ViewSpecialGroupMember.Full>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/proactive", ProactiveAsync).WithTags("Special groups")
            .WithSummary("主动服务清单: residents of the register who seem eligible for an item (the catalogue's hints) and have no open or decided case for it.")
            .Produces<ListProactive.Answer>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<IResult> AddAsync(AddRequest b, AddSpecialGroupMember useCase, StaffActors staff, CancellationToken ct)
    {
        var request = new AddSpecialGroupMember.Request(b.CommunityId, b.Name, b.IdNumber, b.Group, b.Since, b.Until)
        {
            GridCode = b.GridCode, Phone = b.Phone, DisabilityGrade = b.DisabilityGrade, ContactName = b.ContactName, ContactPhone = b.ContactPhone, Note = b.Note,
        };
        return (await useCase.HandleAsync(request, await staff.CurrentAsync(ct), ct)).ToHttp(id => TypedResults.Created($"/api/special-groups/{id}", id));
    }

    private static async Task<IResult> ListAsync(ListSpecialGroupMembers useCase, StaffActors staff, HttpContext http, CancellationToken ct, string? community = null, string? grid = null)
    {
        http.Response.Headers.CacheControl = "no-store";
        return (await useCase.HandleAsync(new(community, grid), await staff.CurrentAsync(ct), ct)).ToHttp(a => TypedResults.Ok(a));
    }

    private static async Task<IResult> ViewAsync(Guid id, ViewRequest body, ViewSpecialGroupMember useCase, StaffActors staff, HttpContext http, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "no-store";
        return (await useCase.HandleAsync(new(id, body.Reason), await staff.CurrentAsync(ct), ct)).ToHttp(v => TypedResults.Ok(v));
    }

    private static async Task<IResult> ProactiveAsync(ListProactive useCase, StaffActors staff, HttpContext http, CancellationToken ct, string? community = null, string? grid = null)
    {
        http.Response.Headers.CacheControl = "no-store";
        return (await useCase.HandleAsync(new(community, grid), await staff.CurrentAsync(ct), ct)).ToHttp(a => TypedResults.Ok(a));
    }
}
