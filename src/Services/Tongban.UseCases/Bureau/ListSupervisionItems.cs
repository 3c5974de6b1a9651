using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.Bureau;

/// <summary>
/// Supervision items (督办) and escalations (通报): unit, post, person and since when; open ones by default, newest
/// first. <c>GET /api/bureau/supervision</c>.
/// </summary>
public sealed class ListSupervisionItems(TongbanDbContext db)
{
    public const int MaxLimit = 1000;

    /// <param name="Jurisdiction">The unit the item names: the one holding the case when its period expired.</param>
    public sealed record Request(Actor Actor, bool Open = true, string? Jurisdiction = null, int Limit = 200)
    {
        public Dictionary<string, string[]> Validate()
        {
            var errors = new Dictionary<string, string[]>();
            if (Jurisdiction is { Length: > BureauCaseFilter.MaxKeyLength }) errors["jurisdiction"] = [$"不超过 {BureauCaseFilter.MaxKeyLength} 个字符。"];
            if (Limit is < 1 or > MaxLimit) errors["limit"] = [$"每次 1 至 {MaxLimit} 条。"];
            return errors;
        }
    }

    public abstract record Result
    {
        public sealed record Listed(IReadOnlyList<SupervisionItem> Items) : Result;

        public sealed record Refused(string Reason) : Result;

        public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : Result;
    }

    public async Task<Result> HandleAsync(Request request, CancellationToken ct)
    {
        if (!BureauAccess.Allows(request.Actor)) return new Result.Refused("督办事项仅限行政审批局督办岗位查看。");
        if (request.Validate() is { Count: > 0 } errors) return new Result.Invalid(errors);

        var items = db.SupervisionItems.AsNoTracking();
        if (request.Open) items = items.Where(s => s.ClosedAt == null);
        if (request.Jurisdiction is { Length: > 0 } j) items = items.Where(s => s.JurisdictionId == j);
        return new Result.Listed(await items.OrderByDescending(s => s.OpenedAt).Take(request.Limit).ToListAsync(ct));
    }
}
