using Tongban.Gateway.Auth;
using Tongban.Gateway.Problems;
using Tongban.UseCases.Bureau;
using Tongban.Workflows.Clocks;

namespace Tongban.Gateway.Bureau;

/// <summary>
/// GET /api/bureau/cases: overdue and at-risk cases across the county for the approval bureau, filterable by the
/// jurisdiction holding them (<c>jurisdiction</c>) or whose residents they are (<c>residentOf</c>), item, stage,
/// holder, colour and date range, with counts per jurisdiction and per item. Each row says who held the case when
/// it turned red (责任追究). The question is <see cref="ListBureauCases"/>'s; this translates.
/// </summary>
public static class OverdueCases
{
    public sealed record RedHolder(string Scope, string JurisdictionId, string PostId, string HolderStaffId, DateTimeOffset HeldSince, DateTimeOffset TurnedRedAt);

    public sealed record Row(Guid Id, string Number, string ItemCode, string State, string? Stage, string? CurrentPostId, string IntakeCommunityId, string RegistrationTownshipId, DateTimeOffset OpenedAt, DateTimeOffset? OverallDueAt, DateTimeOffset? StageDueAt, string Colour, RedHolder? WhenRed);

    public sealed record Answer(int Total, IReadOnlyList<CountBureauCases.Count> ByJurisdiction, IReadOnlyList<CountBureauCases.Count> ByItem, IReadOnlyList<Row> Rows);

    public static void MapOverdueCases(this RouteGroupBuilder api) =>
        api.MapGet("/bureau/cases", HandleAsync)
            .WithTags("Bureau")
            .WithSummary("Overdue (red) and at-risk (yellow) open cases in the county, with counts per jurisdiction and item. jurisdiction = held by it now, or (并联办理) with a branch task there, coloured by the task's clock; residentOf = registered in it or taken in at it. Bureau supervisors only.")
            .Produces<Answer>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

    private static async Task<IResult> HandleAsync(
        string? jurisdiction, string? residentOf, string? item, string? stage, string? holder, string? colour, DateTimeOffset? from, DateTimeOffset? to,
        StaffActors staff, ListBureauCases list, CancellationToken ct, int limit = 100, int offset = 0)
    {
        Colour? wanted = null;
        if (colour is { Length: > 0 })
        {
            if (!Enum.TryParse<Colour>(colour, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed)) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["colour"] = ["颜色应为 Green、Yellow 或 Red。"] }, title: "输入有误");
            wanted = parsed;
        }

        var filter = new BureauCaseFilter(Blank(jurisdiction), Blank(residentOf), Blank(item), Blank(stage), Blank(holder), wanted, BureauScope.NeedsAttention, from, to);
        var result = await list.HandleAsync(new ListBureauCases.Request(await staff.CurrentAsync(ct), filter, limit, offset, Breakdown: true), ct);
        return result switch
        {
            ListBureauCases.Result.Listed listed => TypedResults.Ok(new Answer(
                listed.Counts!.Total, listed.Counts.ByJurisdiction, listed.Counts.ByItem,
                [.. listed.Rows.Select(r => new Row(
                    r.Case.Id, r.Case.Number, r.Case.ItemCode, r.Case.State, r.Case.Stage, r.Case.CurrentPostId, r.Case.IntakeCommunityId, r.Case.RegistrationTownshipId,
                    r.Case.OpenedAt, r.Case.OverallDueAt, r.Case.StageDueAt, r.Colour?.ToString() ?? "Green",
                    r.WhenRed is { } w ? new RedHolder(w.Scope, w.JurisdictionId, w.PostId, w.HolderStaffId, w.HeldSince, w.TurnedRedAt) : null))])),
            ListBureauCases.Result.Refused refused => CaseProblems.Forbidden(refused.Reason),
            ListBureauCases.Result.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: "输入有误"),
            _ => throw new InvalidOperationException(result.GetType().Name),
        };
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
