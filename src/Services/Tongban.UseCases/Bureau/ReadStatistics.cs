using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Requests;
using Tongban.Workflows.Runtime.Organisation;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.Bureau;

/// <summary>
/// People-rule figures for the county. Per registration township: cases, approved second corrections (breaches of
/// 一次性告知), overdue cases, bad reviews, 他点代本点收件; per channel (window, door-to-door, online): cases and
/// recorded authorisations (帮办代办); per urban community the counts the pilot counties publish (channels,
/// 本点代他点收件, call-backs against their limit, visits made, residents served). Counts only, never a person.
/// <c>GET /api/bureau/statistics</c>.
/// </summary>
public sealed class ReadStatistics(TongbanDbContext db, TimeProvider clock)
{
    public sealed record Request(Actor Actor, DateTimeOffset? From = null, DateTimeOffset? To = null);

    /// <summary>
    /// Per registration township. <paramref name="TakenInElsewhere"/>: 他点代本点收件 — cases of residents registered
    /// here that a window of another place took in (a community whose parent is not this township).
    /// </summary>
    public sealed record JurisdictionRow(string JurisdictionId, string Name, int Cases, int SecondCorrections, int Overdue, int BadReviews, int TakenInElsewhere);

    public sealed record ChannelRow(string Channel, int Cases, int Authorisations);

    /// <summary>
    /// Per urban community: cases taken in by channel, 本点代他点收件 (taken in here for a resident registered at
    /// another place — every case whose registration township is not the community's own parent), and door-to-door
    /// visits made (ended in an intake).
    /// Online requests submitted in the period (<paramref name="Requests"/>) by their call-back limit: called back by
    /// it (<paramref name="CallBacksOnTime"/>), after it (<paramref name="CallBacksLate"/>), not called back and past
    /// it now (<paramref name="CallBacksOpenPastLimit"/>); the rest are still within their limit.
    /// <paramref name="ResidentsServed"/>: distinct residents with a case taken in here, a request called back or a
    /// visit made in the period — a case's resident by the ID number; a request or visit by its phone, unless it
    /// led to one of those cases or its phone is on one (then it is that case's resident).
    /// </summary>
    public sealed record CommunityRow(
        string CommunityId, string Name, int Window, int DoorToDoor, int Online, int ForOtherPlaces, int VisitsMade,
        int Requests, int CallBacksOnTime, int CallBacksLate, int CallBacksOpenPastLimit, int ResidentsServed);

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

        var perChannel = await cases.GroupBy(c => c.Channel).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var authorisations = await db.CaseAuthorisations.AsNoTracking().Where(a => cases.Any(c => c.Id == a.CaseId))
            .GroupBy(a => a.Channel).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var byChannel = Enum.GetValues<CaseChannel>()
            .Select(ch => new ChannelRow(ch.ToString(), perChannel.FirstOrDefault(p => p.Key == ch)?.Count ?? 0, authorisations.FirstOrDefault(a => a.Key == ch)?.Count ?? 0))
            .ToList();
        var perCommunity = await cases.GroupBy(c => new { c.IntakeCommunityId, c.RegistrationTownshipId, c.Channel })
            .Select(g => new { g.Key.IntakeCommunityId, g.Key.RegistrationTownshipId, g.Key.Channel, Count = g.Count() }).ToListAsync(ct);
        var parents = await db.Jurisdictions.AsNoTracking().Select(j => new { j.Id, j.ParentId }).ToDictionaryAsync(j => j.Id, j => j.ParentId, ct);
        var townships = await db.Jurisdictions.AsNoTracking().Where(j => j.Kind == JurisdictionKind.Township).OrderBy(j => j.Code).ToListAsync(ct);
        var byJurisdiction = townships.Select(j =>
        {
            var row = perTownship.FirstOrDefault(r => r.Id == j.Id);
            var elsewhere = perCommunity.Where(r => r.RegistrationTownshipId == j.Id && parents.GetValueOrDefault(r.IntakeCommunityId) != j.Id).Sum(r => r.Count);
            return new JurisdictionRow(j.Id, j.Name, row?.Cases ?? 0, approvals.FirstOrDefault(a => a.Id == j.Id)?.Count ?? 0, row?.Overdue ?? 0, row?.Bad ?? 0, elsewhere);
        }).ToList();
        var visits = db.Visits.AsNoTracking().Where(v => v.Status == Tongban.Workflows.Runtime.Residents.VisitStatus.Done);
        if (request.From is { } vf) visits = visits.Where(v => v.ClosedAt >= vf);
        if (request.To is { } vt) visits = visits.Where(v => v.ClosedAt < vt);
        var visitsMade = await visits.GroupBy(v => v.CommunityId).Select(g => new { Id = g.Key, Count = g.Count() }).ToListAsync(ct);

        // Online requests submitted in the period, against their call-back limit as of now.
        var submitted = db.ServiceRequests.AsNoTracking();
        if (request.From is { } rf) submitted = submitted.Where(r => r.SubmittedAt >= rf);
        if (request.To is { } rt) submitted = submitted.Where(r => r.SubmittedAt < rt);
        var now = clock.GetUtcNow();
        var standings = (await submitted.Select(r => new { r.CommunityId, r.CallBackDueAt, r.CallBackAt }).ToListAsync(ct))
            .Select(r => (r.CommunityId, Standing: CallBackTimeliness.Of(r.CallBackDueAt, r.CallBackAt, now)))
            .ToList();

        // Residents served: distinct ID numbers of the period's cases per community, plus the distinct phones of
        // requests called back and visits made in the period that are none of those cases' residents.
        var caseResidents = await cases.GroupBy(c => c.IntakeCommunityId)
            .Select(g => new { Id = g.Key, Count = g.Select(c => c.ApplicantIdNumber).Distinct().Count() }).ToListAsync(ct);
        var calledBack = db.ServiceRequests.AsNoTracking().Where(r => r.CallBackAt != null);
        if (request.From is { } calledFrom) calledBack = calledBack.Where(r => r.CallBackAt >= calledFrom);
        if (request.To is { } calledTo) calledBack = calledBack.Where(r => r.CallBackAt < calledTo);
        var requestContacts = await calledBack
            .Where(r => !cases.Any(c => c.IntakeCommunityId == r.CommunityId && (c.Id == r.CaseId || c.ApplicantPhone == r.Phone)))
            .Select(r => new { r.CommunityId, r.Phone }).Distinct().ToListAsync(ct);
        var visitContacts = await visits
            .Where(v => !cases.Any(c => c.IntakeCommunityId == v.CommunityId && (c.Id == v.CaseId || c.ApplicantPhone == v.Phone)))
            .Select(v => new { v.CommunityId, v.Phone }).Distinct().ToListAsync(ct);
        var otherResidents = requestContacts.Concat(visitContacts).Distinct().GroupBy(r => r.CommunityId).ToDictionary(g => g.Key, g => g.Count());
        var communities = await db.Jurisdictions.AsNoTracking().Where(j => j.Kind == JurisdictionKind.UrbanCommunity).OrderBy(j => j.Code).ToListAsync(ct);
        var byCommunity = communities.Select(j =>
        {
            var mine = perCommunity.Where(r => r.IntakeCommunityId == j.Id).ToList();
            int Of(CaseChannel ch) => mine.Where(r => r.Channel == ch).Sum(r => r.Count);
            int Standing(CallBackStanding st) => standings.Count(r => r.CommunityId == j.Id && r.Standing == st);
            return new CommunityRow(j.Id, j.Name, Of(CaseChannel.Window), Of(CaseChannel.DoorToDoor), Of(CaseChannel.Online),
                mine.Where(r => r.RegistrationTownshipId != j.ParentId).Sum(r => r.Count), visitsMade.FirstOrDefault(v => v.Id == j.Id)?.Count ?? 0,
                standings.Count(r => r.CommunityId == j.Id), Standing(CallBackStanding.OnTime), Standing(CallBackStanding.Late), Standing(CallBackStanding.OpenPastLimit),
                (caseResidents.FirstOrDefault(r => r.Id == j.Id)?.Count ?? 0) + otherResidents.GetValueOrDefault(j.Id));
        }).ToList();
        return new Result.Read(new Answer(byJurisdiction, byChannel, byJurisdiction.Sum(j => j.SecondCorrections)) { ByCommunity = byCommunity });
    }
}
