using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Clocks;
using Tongban.Workflows.Runtime.Organisation;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.Bureau;

/// <summary>
/// 并联办理 for the bureau: the open branch tasks (an assisting unit's opinion, on its way or at its post) of the cases
/// a <see cref="BureauCaseFilter"/> selects, per unit, each coloured by the task's own stage clock
/// (<see cref="BranchTaskColours"/>). A case in two branches is counted at both units. The filter's unit and holder
/// select the tasks' posts; resident, item and intake range select their cases; its colour and scope are not used.
/// </summary>
public sealed class CountBranchTasks(TongbanDbContext db, TimeProvider clock)
{
    /// <summary>Open tasks at one unit (a county department's jurisdiction), by the colour of their clocks.</summary>
    public sealed record Tally(string Unit, int Open, int Green, int Yellow, int Red);

    /// <summary>One open task as the counts need it.</summary>
    public sealed record OpenTask(string Unit, string? PostId, string ItemCode, Colour Colour);

    public async Task<IReadOnlyList<Tally>> HandleAsync(BureauCaseFilter filter, CancellationToken ct) =>
        [.. (await OpenAsync(filter, ct))
            .GroupBy(t => t.Unit)
            .Select(g => new Tally(g.Key, g.Count(), g.Count(t => t.Colour == Colour.Green), g.Count(t => t.Colour == Colour.Yellow), g.Count(t => t.Colour == Colour.Red)))
            .OrderByDescending(t => t.Red).ThenByDescending(t => t.Yellow).ThenBy(t => t.Unit, StringComparer.Ordinal)];

    /// <summary>The open tasks the filter selects (few: one per assisting branch of an open case).</summary>
    public async Task<List<OpenTask>> OpenAsync(BureauCaseFilter filter, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var posts = await db.Posts.AsNoTracking().ToListAsync(ct);
        var cases = (filter with { HeldBy = null, Holder = null, Stage = null, Colour = null, Scope = BureauScope.Open }).Apply(db.Cases.AsNoTracking(), now, posts);
        var tasks = db.CaseTasks.AsNoTracking().Where(BranchTaskColours.Open());
        if (filter.Posts(posts) is { } kept) tasks = filter.BranchTasksAt(tasks, kept);
        var rows = await tasks.Join(cases, t => t.CaseId, c => c.Id, (t, c) => new { t.JurisdictionId, t.PostId, t.Status, t.DueAt, t.YellowAt, c.ItemCode }).ToListAsync(ct);
        return [.. rows.Select(r => new OpenTask(r.JurisdictionId, r.PostId, r.ItemCode, BranchTaskColours.Of(r.Status, r.DueAt, r.YellowAt, now) ?? Colour.Green))];
    }
}
