using Microsoft.EntityFrameworkCore;
using Tongban.Gateway.Auth;
using Tongban.Gateway.Cases;
using Tongban.Gateway.Problems;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.FirstContact;

/// <summary>GET /api/first-contact: the cases the caller first touched (首问负责), with their stage and who holds them now.</summary>
public static class MyFirstContactCases
{
    public sealed record Row(Guid Id, string Number, string ItemCode, string State, string StateLabel, string? Stage, string? CurrentPostId, string? CurrentHolderId, string IdNumberMasked, DateTimeOffset OpenedAt, DateTimeOffset UpdatedAt);

    public static void MapMyFirstContactCases(this RouteGroupBuilder api) =>
        api.MapGet("/first-contact", HandleAsync)
            .WithTags("First contact")
            .WithSummary("Cases whose first-contact person is the caller (status: open, closed or all), newest first, with current state, stage, post and the staff member who last acted there.")
            .ProducesValidationProblem()
            .Produces<List<Row>>();

    private static async Task<IResult> HandleAsync(StaffActors staff, UseCases.FirstContact.MyFirstContactCases useCase, TongbanDbContext db, ItemVersionCache items, CancellationToken ct, int limit = 200, string? status = null)
    {
        var outcome = await useCase.HandleAsync(new(status, Page: 1, PageSize: limit), await staff.CurrentAsync(ct), ct);
        return await outcome.ToHttpAsync(async mine => TypedResults.Ok(await RowsAsync(mine.Cases, db, items, ct)));
    }

    private static async Task<List<Row>> RowsAsync(IReadOnlyList<CaseListing> cases, TongbanDbContext db, ItemVersionCache items, CancellationToken ct)
    {
        var ids = cases.Select(c => c.Id).ToList();
        // The holder now: the last staff member (not a node) who acted on the case at its current post.
        var lastActors = (await db.CaseHistory.AsNoTracking().Where(h => ids.Contains(h.CaseId) && !h.ActorId.StartsWith("node:"))
                .Select(h => new { h.CaseId, h.Sequence, h.ActorId, h.PostId }).ToListAsync(ct))
            .GroupBy(h => h.CaseId).ToDictionary(g => g.Key, g => g.OrderByDescending(h => h.Sequence).ToList());
        var rows = new List<Row>();
        foreach (var c in cases)
        {
            var item = await items.GetAsync(db, c.ItemVersionId, ct);
            var holder = c.CurrentPostId is null ? null : lastActors.GetValueOrDefault(c.Id)?.FirstOrDefault(h => h.PostId == c.CurrentPostId)?.ActorId;
            rows.Add(new Row(c.Id, c.Number, c.ItemCode, c.State, item.Definition.State(c.State).Label, c.Stage, c.CurrentPostId, holder, CaseView.MaskId(c.ApplicantIdNumber), c.OpenedAt, c.UpdatedAt));
        }

        return rows;
    }
}
