using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Runtime.Organisation;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.Requests;

/// <summary>What the public request form offers: the items (name, pinyin initials), the urban communities and their grids. Nothing personal.</summary>
public sealed class ListRequestChoices(TongbanDbContext db)
{
    public sealed record Request;

    public sealed record Item(string Code, string Name, string PinyinInitials);

    public sealed record Place(string Id, string Name);

    public sealed record GridChoice(string Id, string CommunityId, string Name);

    public sealed record Choices(IReadOnlyList<Item> Items, IReadOnlyList<Place> Communities, IReadOnlyList<GridChoice> Grids);

    public async Task<Outcome<Choices>> HandleAsync(Request request, CancellationToken ct)
    {
        var items = await db.ItemVersions.AsNoTracking().Where(v => v.IsCurrent).OrderBy(v => v.Code)
            .Select(v => new Item(v.Code, v.Name, v.PinyinInitials)).ToListAsync(ct);
        var communities = await db.Jurisdictions.AsNoTracking().Where(j => j.Kind == JurisdictionKind.UrbanCommunity).OrderBy(j => j.Code)
            .Select(j => new Place(j.Id, j.Name)).ToListAsync(ct);
        var grids = await db.Grids.AsNoTracking().OrderBy(g => g.Id).Select(g => new GridChoice(g.Id, g.CommunityId, g.Name)).ToListAsync(ct);
        return new Choices(items, communities, grids);
    }
}
