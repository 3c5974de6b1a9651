using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.Evaluations;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.Evaluations;

/// <summary>
/// 差评整改 items of the caller's jurisdictions (and of the posts they head); the bureau sees the county. The items
/// carry nothing about the rater or the recording clerk.
/// </summary>
public sealed class ListRectifications(TongbanDbContext db)
{
    /// <param name="OpenOnly">Only items not yet revisited (the default).</param>
    public sealed record Request(bool? OpenOnly);

    public async Task<Outcome<IReadOnlyList<RectificationItem>>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        var items = db.RectificationItems.AsNoTracking();
        if (actor.Posts.All(p => p.Role != PostRole.BureauSupervisor))
        {
            var mine = actor.Posts.Select(p => p.JurisdictionId).Distinct().ToList();
            mine.AddRange(await db.Posts.Where(p => p.UnitHeadId == actor.Id).Select(p => p.JurisdictionId).ToListAsync(ct));
            items = items.Where(r => mine.Contains(r.JurisdictionId));
        }

        if (request.OpenOnly ?? true) items = items.Where(r => r.RevisitedAt == null);
        return new Outcome<IReadOnlyList<RectificationItem>>.Ok(await items.OrderBy(r => r.OpenedAt).ToListAsync(ct));
    }
}
