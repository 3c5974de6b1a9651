using Microsoft.EntityFrameworkCore;
using Tongban.Gateway.Auth;
using Tongban.Gateway.Problems;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.Bureau;

/// <summary>
/// GET /api/bureau/statistics: people-rule figures for the county. Per registration township: cases, approved
/// second corrections (breaches of 一次性告知), overdue cases, bad reviews; per channel (window, door-to-door,
/// online): cases and recorded authorisations (帮办代办).
/// </summary>
public static class Statistics
{
    public sealed record JurisdictionRow(string JurisdictionId, string Name, int Cases, int SecondCorrections, int Overdue, int BadReviews);

    public sealed record ChannelRow(string Channel, int Cases, int Authorisations);

    public sealed record Answer(IReadOnlyList<JurisdictionRow> ByJurisdiction, IReadOnlyList<ChannelRow> ByChannel, int SecondCorrections);

    public static void MapStatistics(this RouteGroupBuilder api) =>
        api.MapGet("/bureau/statistics", HandleAsync)
            .WithTags("Bureau")
            .WithSummary("Breaches of 一次性告知 (approved second corrections), overdue cases and bad reviews per township; cases and authorisations per channel. Bureau supervisors only.")
            .Produces<Answer>()
            .ProducesProblem(StatusCodes.Status403Forbidden);

    private static async Task<IResult> HandleAsync(StaffActors staff, TongbanDbContext db, CancellationToken ct, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        var actor = await staff.CurrentAsync(ct);
        if (actor.Posts.All(p => p.Role != PostRole.BureauSupervisor)) return CaseProblems.Forbidden("统计仅限行政审批局督办岗位查看。");

        var cases = db.Cases.AsNoTracking();
        if (from is { } f) cases = cases.Where(c => c.OpenedAt >= f);
        if (to is { } t) cases = cases.Where(c => c.OpenedAt < t);
        var perTownship = await cases.GroupBy(c => c.RegistrationTownshipId)
            .Select(g => new { Id = g.Key, Cases = g.Count(), Overdue = g.Count(c => c.OverdueAt != null), Bad = g.Count(c => c.EvaluationLevel >= 4) })
            .ToListAsync(ct);
        var approvals = await db.CorrectionApprovals.AsNoTracking().Where(a => cases.Any(c => c.Id == a.CaseId))
            .GroupBy(a => a.JurisdictionId).Select(g => new { Id = g.Key, Count = g.Count() }).ToListAsync(ct);
        var townships = await db.Jurisdictions.AsNoTracking().Where(j => j.Kind == Workflows.Runtime.Organisation.JurisdictionKind.Township).OrderBy(j => j.Code).ToListAsync(ct);
        var byJurisdiction = townships.Select(j =>
        {
            var row = perTownship.FirstOrDefault(r => r.Id == j.Id);
            return new JurisdictionRow(j.Id, j.Name, row?.Cases ?? 0, approvals.FirstOrDefault(a => a.Id == j.Id)?.Count ?? 0, row?.Overdue ?? 0, row?.Bad ?? 0);
        }).ToList();

        var perChannel = await cases.GroupBy(c => c.Channel).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var authorisations = await db.CaseAuthorisations.AsNoTracking().Where(a => cases.Any(c => c.Id == a.CaseId))
            .GroupBy(a => a.Channel).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var byChannel = Enum.GetValues<Workflows.Cases.CaseChannel>()
            .Select(ch => new ChannelRow(ch.ToString(), perChannel.FirstOrDefault(p => p.Key == ch)?.Count ?? 0, authorisations.FirstOrDefault(a => a.Key == ch)?.Count ?? 0))
            .ToList();
        return TypedResults.Ok(new Answer(byJurisdiction, byChannel, byJurisdiction.Sum(j => j.SecondCorrections)));
    }
}
