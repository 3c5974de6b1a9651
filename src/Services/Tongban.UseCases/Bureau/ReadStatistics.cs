using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Organisation;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.Bureau;

/// <summary>
/// People-rule figures for the county. Per registration township: cases, approved second corrections (breaches of
/// 一次性告知), overdue cases, bad reviews; per channel (window, door-to-door, online): cases and recorded
/// authorisations (帮办代办). <c>GET /api/bureau/statistics</c>.
/// </summary>
public sealed class ReadStatistics(TongbanDbContext db)
{
    public sealed record Request(Actor Actor, DateTimeOffset? From = null, DateTimeOffset? To = null);

    public sealed record JurisdictionRow(string JurisdictionId, string Name, int Cases, int SecondCorrections, int Overdue, int BadReviews);

    public sealed record ChannelRow(string Channel, int Cases, int Authorisations);

    /// <summary>
    /// Per urban community: cases taken in by channel, 本点代他点收件 (taken in here for a resident registered at
    /// another place — every case whose registration township is not the community's own parent), and door-to-door
    /// visits made (ended in an intake).
    /// </summary>
    public sealed record CommunityRow(string CommunityId, string Name, int Window, int DoorToDoor, int Online, int ForOtherPlaces, int VisitsMade);

    public sealed record Answer(IReadOnlyList<JurisdictionRow> ByJurisdiction, IReadOnlyList<ChannelRow> ByChannel, int SecondCorrections)
    {
        public IReadOnlyList<CommunityRow> ByCommunity { get; init; } = [];
    }

    public abstract record Result
    {
        public sealed record Read(Answer Answer) : Result;

        public sealed record Refused(string Reason) : Result;
    }

    public async Task<Result> HandleAsync(Request request, CancellationToken ct)
    {
        if (!BureauAccess.Allows(request.Actor)) return new Result.Refused("统计仅限行政审批局督办岗位查看。");

        var cases = db.Cases.AsNoTracking();
        if (request.From is { } f) cases = cases.Where(c => c.OpenedAt >= f);
        if (request.To is { } t) cases = cases.Where(c => c.OpenedAt < t);
        var perTownship = await cases.GroupBy(c => c.RegistrationTownshipId)
            .Select(g => new { Id = g.Key, Cases = g.Count(), Overdue = g.Count(c => c.OverdueAt != null), Bad = g.Count(c => c.EvaluationLevel >= 4) })
            .ToListAsync(ct);
        var approvals = await db.CorrectionApprovals.AsNoTracking().Where(a => cases.Any(c => c.Id == a.CaseId))
            .GroupBy(a => a.JurisdictionId).Select(g => new { Id = g.Key, Count = g.Count() }).ToListAsync(ct);
        var townships = await db.Jurisdictions.AsNoTracking().Where(j => j.Kind == JurisdictionKind.Township).OrderBy(j => j.Code).ToListAsync(ct);
        var byJurisdiction = townships.Select(j =>
        {
            var row = perTownship.FirstOrDefault(r => r.Id == j.Id);
            return new JurisdictionRow(j.Id, j.Name, row?.Cases ?? 0, approvals.FirstOrDefault(a => a.Id == j.Id)?.Count ?? 0, row?.Overdue ?? 0, row?.Bad ?? 0);
        }).ToList();

        var perChannel = await cases.GroupBy(c => c.Channel).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var authorisations = await db.CaseAuthorisations.AsNoTracking().Where(a => cases.Any(c => c.Id == a.CaseId))
            .GroupBy(a => a.Channel).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var byChannel = Enum.GetValues<CaseChannel>()
            .Select(ch => new ChannelRow(ch.ToString(), perChannel.FirstOrDefault(p => p.Key == ch)?.Count ?? 0, authorisations.FirstOrDefault(a => a.Key == ch)?.Count ?? 0))
            .ToList();
        var perCommunity = await cases.GroupBy(c => new { c.IntakeCommunityId, c.RegistrationTownshipId, c.Channel })
            .Select(g => new { g.Key.IntakeCommunityId, g.Key.RegistrationTownshipId, g.Key.Channel, Count = g.Count() }).ToListAsync(ct);
        var visits = db.Visits.AsNoTracking().Where(v => v.Status == Tongban.Workflows.Runtime.Residents.VisitStatus.Done);
        if (request.From is { } vf) visits = visits.Where(v => v.ClosedAt >= vf);
        if (request.To is { } vt) visits = visits.Where(v => v.ClosedAt < vt);
        var visitsMade = await visits.GroupBy(v => v.CommunityId).Select(g => new { Id = g.Key, Count = g.Count() }).ToListAsync(ct);
        var communities = await db.Jurisdictions.AsNoTracking().Where(j => j.Kind == JurisdictionKind.UrbanCommunity).OrderBy(j => j.Code).ToListAsync(ct);
        var byCommunity = communities.Select(j =>
        {
            var mine = perCommunity.Where(r => r.IntakeCommunityId == j.Id).ToList();
            int Of(CaseChannel ch) => mine.Where(r => r.Channel == ch).Sum(r => r.Count);
            return new CommunityRow(j.Id, j.Name, Of(CaseChannel.Window), Of(CaseChannel.DoorToDoor), Of(CaseChannel.Online),
                mine.Where(r => r.RegistrationTownshipId != j.ParentId).Sum(r => r.Count), visitsMade.FirstOrDefault(v => v.Id == j.Id)?.Count ?? 0);
        }).ToList();
        return new Result.Read(new Answer(byJurisdiction, byChannel, byJurisdiction.Sum(j => j.SecondCorrections)) { ByCommunity = byCommunity });
    }
}
