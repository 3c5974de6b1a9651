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

    public sealed record Answer(IReadOnlyList<JurisdictionRow> ByJurisdiction, IReadOnlyList<ChannelRow> ByChannel, int SecondCorrections);

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
        return new Result.Read(new Answer(byJurisdiction, byChannel, byJurisdiction.Sum(j => j.SecondCorrections)));
    }
}
