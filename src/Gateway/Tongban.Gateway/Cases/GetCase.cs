using Microsoft.EntityFrameworkCore;
using Tongban.Gateway.Auth;
using Tongban.Gateway.Problems;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.Cases;

/// <summary>GET /api/cases/{id}: a case with its full history, for staff of its jurisdictions and the bureau.</summary>
public static class GetCase
{
    public static void MapGetCase(this RouteGroupBuilder api) =>
        api.MapGet("/cases/{id:guid}", HandleAsync)
            .WithTags("Cases")
            .WithSummary("A case with its full history (ETag = version, for If-Match on actions).")
            .Produces<CaseView>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(Guid id, HttpContext http, StaffActors staff, TongbanDbContext db, ItemVersionCache items, CalendarProvider calendars, TimeProvider clock, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return CaseProblems.NotFound();
        if (!StaffActors.MaySee(await staff.CurrentAsync(ct), c.Location)) return CaseProblems.Forbidden("该案件不属于您所在的辖区。");

        http.Response.Headers.ETag = $"\"{c.Version}\"";
        return TypedResults.Ok(await CaseView.LoadAsync(db, items, calendars, clock.GetUtcNow(), c, withHistory: true, ct));
    }
}
