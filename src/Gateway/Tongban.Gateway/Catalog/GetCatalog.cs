using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Catalog;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.Catalog;

/// <summary>GET /api/catalog and /api/catalog/{code}: the current version of each item (事项清单).</summary>
public static class GetCatalog
{
    public sealed record ItemView(string Code, int Version, string DefinitionId, ServiceItemSpec Spec);

    public static void MapCatalog(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/catalog").WithTags("Catalog");
        group.MapGet("/", ListAsync).WithSummary("The item catalogue: current version of every item.").Produces<List<ItemView>>();
        group.MapGet("/{code}", GetAsync).WithSummary("One item: materials, time limit, modes, route.").Produces<ItemView>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(TongbanDbContext db, CancellationToken ct)
    {
        var rows = await db.ItemVersions.AsNoTracking().Where(v => v.IsCurrent).OrderBy(v => v.Code).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(View).ToList());
    }

    private static async Task<IResult> GetAsync(string code, TongbanDbContext db, CancellationToken ct)
    {
        var row = await db.ItemVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Code == code && v.IsCurrent, ct);
        return row is null
            ? TypedResults.Problem($"事项「{code}」不在事项清单中。", statusCode: StatusCodes.Status404NotFound, title: "未找到")
            : TypedResults.Ok(View(row));
    }

    private static ItemView View(ServiceItemVersion row)
    {
        var loaded = ItemVersionCache.Load(row);
        return new ItemView(row.Code, row.Version, row.DefinitionId, loaded.Spec);
    }
}
