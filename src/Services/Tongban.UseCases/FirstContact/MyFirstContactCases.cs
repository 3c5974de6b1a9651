using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.FirstContact;

/// <summary>
/// 首问负责: the cases whose first-contact person is the caller (they took them in, or the resident first asked
/// them), newest first, for GET /api/first-contact and the "我的办件" page alike. Each door shows them its own way.
/// </summary>
public sealed class MyFirstContactCases(TongbanDbContext db)
{
    public const int MaxPageSize = 1000;

    /// <param name="Status">open (not archived), closed (archived) or all (default).</param>
    /// <param name="Page">From 1; past the last page means the last page.</param>
    public sealed record Request(string? Status, int? Page, int PageSize);

    /// <param name="Cases">As a list shows them (<see cref="CaseListing"/>), up to 1,000 a page: not the phones, materials and decisions.</param>
    public sealed record Result(IReadOnlyList<CaseListing> Cases, int Total, int Page, int PageSize);

    public async Task<Outcome<Result>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        var me = actor.Id;
        var query = db.Cases.AsNoTracking().Where(c => c.FirstContactStaffId == me);
        switch (request.Status)
        {
            case "open":
                query = query.Where(c => c.ClosedAt == null);
                break;
            case "closed":
                query = query.Where(c => c.ClosedAt != null);
                break;
            case null or "all":
                break;
            default:
                return Outcome.Invalid<Result>("status", "状态应为 open（在办）、closed（已归档）或 all（全部）。");
        }

        var size = Math.Clamp(request.PageSize, 1, MaxPageSize);
        var total = await query.CountAsync(ct);
        var page = Math.Clamp(request.Page ?? 1, 1, Math.Max(1, (total + size - 1) / size));
        var cases = await query.OrderByDescending(c => c.OpenedAt).ThenBy(c => c.Id).Skip((page - 1) * size).Take(size).Select(CaseListing.Columns).ToListAsync(ct);
        return new Result(cases, total, page, size);
    }
}
