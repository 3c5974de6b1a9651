using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.Cases;

/// <summary>
/// Reads a case, from the API or the case page: staff of its jurisdictions and the bureau may (403 for anyone
/// else, 404 when there is none). With its item version and, when asked for, its <see cref="CaseTimeline"/>.
/// </summary>
public sealed class GetCase(TongbanDbContext db, ItemVersionCache items, CalendarProvider calendars, TimeProvider clock)
{
    public sealed record Request(Guid CaseId, bool WithTimeline = false);

    /// <param name="Timeline">Null unless asked for.</param>
    public sealed record Found(Case Case, LoadedItemVersion Item, CaseTimeline? Timeline);

    public async Task<Outcome<Found>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().SingleOrDefaultAsync(x => x.Id == request.CaseId, ct);
        if (c is null) return Outcome.NotFound<Found>();
        if (!CaseVisibility.MaySee(actor, c.Location) && !CaseVisibility.MaySee(actor, c.Location, await TaskJurisdictionsAsync(c.Id, ct)))
        {
            return Outcome.Forbidden<Found>(CaseVisibility.NotYourJurisdiction);
        }

        var item = await items.GetAsync(db, c.ItemVersionId, ct);
        return new Found(c, item, request.WithTimeline ? await TimelineAsync(c, item, ct) : null);
    }

    private async Task<List<string>> TaskJurisdictionsAsync(Guid caseId, CancellationToken ct) =>
        await db.CaseTasks.AsNoTracking().Where(t => t.CaseId == caseId).Select(t => t.JurisdictionId).Distinct().ToListAsync(ct);

    private async Task<CaseTimeline> TimelineAsync(Case c, LoadedItemVersion item, CancellationToken ct)
    {
        var history = await db.CaseHistory.AsNoTracking().Where(h => h.CaseId == c.Id).OrderBy(h => h.Sequence).ToListAsync(ct);
        var extensions = await db.ExtensionRequests.AsNoTracking().Where(e => e.CaseId == c.Id).ToListAsync(ct);
        var names = await OrgNames.LoadAsync(db, history, ct);
        return CaseTimeline.Build(c, item, history, extensions, names, await calendars.GetAsync(db, ct), clock.GetUtcNow());
    }
}
