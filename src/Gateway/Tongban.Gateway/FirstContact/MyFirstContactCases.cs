using Microsoft.EntityFrameworkCore;
using Tongban.Gateway.Auth;
using Tongban.Gateway.Cases;
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
            .WithSummary("Cases whose first-contact person is the caller, with current state, stage, post and the staff member who last acted there.")
            .Produces<List<Row>>();

    private static async Task<IResult> HandleAsync(StaffActors staff, TongbanDbContext db, ItemVersionCache items, CancellationToken ct, int limit = 200)
    {
        var actor = await staff.CurrentAsync(ct);
        var cases = await db.Cases.AsNoTracking().Where(c => c.FirstContactStaffId == actor.Id).OrderByDescending(c => c.OpenedAt).Take(Math.Clamp(limit, 1, 1000)).ToListAsync(ct);
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

        return TypedResults.Ok(rows);
    }
}
