using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Organisation;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.People;

/// <summary>The absence register of a post: its own entries and its holders' leave registered elsewhere, ending on or after a day.</summary>
public sealed class ListAbsences(TongbanDbContext db, TimeProvider clock, IOptions<TimeLimitOptions> limits)
{
    /// <param name="Since">Absences ending on or after this day; today in the county when null.</param>
    public sealed record Request(string PostId, DateOnly? Since);

    public async Task<Outcome<IReadOnlyList<PostAbsence>>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        var post = await PostAccess.FindAsync(db, request.PostId, ct);
        if (post is null) return Outcome.NotFound<IReadOnlyList<PostAbsence>>(PostAccess.PostNotFound);
        if (!PostAccess.MaySee(actor, post)) return Outcome.Forbidden<IReadOnlyList<PostAbsence>>(PostAccess.NotYourJurisdiction);

        var since = request.Since ?? PostRegister.Today(clock, limits.Value.TimeZone);
        var rows = await db.PostAbsences.AsNoTracking()
            .Where(a => (a.PostId == post.Id || a.StaffId == post.PrimaryHolderId || a.StaffId == post.BackupHolderId) && a.To >= since)
            .ToListAsync(ct);
        return new Outcome<IReadOnlyList<PostAbsence>>.Ok([.. rows.OrderBy(a => a.From)]);
    }
}
