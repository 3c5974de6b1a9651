using Microsoft.EntityFrameworkCore;
using Tongban.UseCases.Cases;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.Requests;

/// <summary>
/// The online request a case was opened from, as the case's record shows it: its reference, who called back (the
/// first-contact person) and the grid worker who collected the materials. Nothing personal. Null when the case did
/// not come from a request.
/// </summary>
public sealed class GetRequestOfCase(TongbanDbContext db)
{
    public sealed record Request(Guid CaseId);

    public sealed record Origin(Guid RequestId, string Reference, DateTimeOffset SubmittedAt, string? CallBackBy, DateTimeOffset? CallBackAt, string? GridId, string? CollectedBy, DateTimeOffset? CollectedAt);

    public async Task<Outcome<Origin?>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        var location = await db.Cases.AsNoTracking().Where(c => c.Id == request.CaseId)
            .Select(c => new { c.IntakeCommunityId, c.RegistrationTownshipId }).SingleOrDefaultAsync(ct);
        if (location is null) return Outcome.NotFound<Origin?>();
        if (!CaseVisibility.MaySee(actor, new CaseLocation(location.IntakeCommunityId, location.RegistrationTownshipId))) return Outcome.Forbidden<Origin?>(CaseVisibility.NotYourJurisdiction);

        var row = await db.ServiceRequests.AsNoTracking().Where(r => r.CaseId == request.CaseId).SingleOrDefaultAsync(ct);
        if (row is null) return (Origin?)null;
        var task = await db.CollectionTasks.AsNoTracking().SingleOrDefaultAsync(t => t.RequestId == row.Id, ct);
        return new Origin(row.Id, row.Reference, row.SubmittedAt, row.CallBackBy, row.CallBackAt, task?.GridId, task?.CollectedBy, task?.CollectedAt);
    }
}
