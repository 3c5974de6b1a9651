using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.People;

/// <summary>
/// 交接清单 (AB 双岗): what B or a cover did at the post with the A holder's authority, so A can take the work back
/// on return, each case with its state now. For the A holder and the unit head.
/// </summary>
public sealed class ListHandBack(TongbanDbContext db, IOptions<TimeLimitOptions> limits)
{
    /// <param name="Since">Actions on or after this county-local day; the start of A's latest absence when null.</param>
    public sealed record Request(string PostId, DateOnly? Since);

    public sealed record Row(CaseHistoryEntry Entry, string CaseNumber, string CaseStateNow, string? CasePostNow);

    public async Task<Outcome<IReadOnlyList<Row>>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        var post = await PostAccess.FindAsync(db, request.PostId, ct);
        if (post is null) return Outcome.NotFound<IReadOnlyList<Row>>(PostAccess.PostNotFound);
        if (actor.Id != post.PrimaryHolderId && actor.Id != post.UnitHeadId) return Outcome.Forbidden<IReadOnlyList<Row>>("交接清单仅限本岗位 A 岗人员和单位负责人查看。");

        var from = request.Since ?? await db.PostAbsences.AsNoTracking().Where(a => a.StaffId == post.PrimaryHolderId)
            .OrderByDescending(a => a.From).Select(a => (DateOnly?)a.From).FirstOrDefaultAsync(ct);
        var entries = await db.CaseHistory.AsNoTracking()
            .Where(h => h.PostId == post.Id && h.ActingForId == post.PrimaryHolderId)
            .Join(db.Cases.AsNoTracking(), h => h.CaseId, c => c.Id, (h, c) => new { h, c.Number, c.State, c.CurrentPostId })
            .ToListAsync(ct);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(limits.Value.TimeZone);
        return new Outcome<IReadOnlyList<Row>>.Ok([.. entries
            .Where(x => from is null || DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(x.h.At, zone).DateTime) >= from)
            .OrderBy(x => x.h.At)
            .Select(x => new Row(x.h, x.Number, x.State, x.CurrentPostId))]);
    }
}
