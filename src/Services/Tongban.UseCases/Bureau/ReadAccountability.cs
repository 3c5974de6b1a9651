using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Clocks;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.Bureau;

/// <summary>
/// 责任追究 for every case that went overdue — each expired period (overall or a stage) with who held the case, at
/// which post and stage, since when, and whether an extension or a stopped clock applied. Read from the supervision
/// items opened when the periods expired. <c>GET /api/bureau/accountability</c>.
/// </summary>
public sealed class ReadAccountability(TongbanDbContext db)
{
    public const int MaxLimit = 2000;

    public sealed record Request(Actor Actor, string? Jurisdiction = null, int Limit = 200)
    {
        public Dictionary<string, string[]> Validate()
        {
            var errors = new Dictionary<string, string[]>();
            if (Jurisdiction is { Length: > BureauCaseFilter.MaxKeyLength }) errors["jurisdiction"] = [$"不超过 {BureauCaseFilter.MaxKeyLength} 个字符。"];
            if (Limit is < 1 or > MaxLimit) errors["limit"] = [$"每次 1 至 {MaxLimit} 件。"];
            return errors;
        }
    }

    public sealed record Period(string Scope, string ScopeLabel, string State, string JurisdictionId, string PostId, string HolderStaffId, DateTimeOffset HeldSince, DateTimeOffset DueAt, DateTimeOffset TurnedRedAt, string Level, bool ExtensionApplied, bool ClockWasStopped, DateTimeOffset? ClosedAt);

    public sealed record Row(Guid CaseId, string Number, string ItemCode, string RegistrationTownshipId, DateTimeOffset? OverdueAt, int ExtensionDays, bool Completed, IReadOnlyList<Period> Periods);

    public abstract record Result
    {
        public sealed record Read(IReadOnlyList<Row> Rows) : Result;

        public sealed record Refused(string Reason) : Result;

        public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : Result;
    }

    public async Task<Result> HandleAsync(Request request, CancellationToken ct)
    {
        if (!BureauAccess.Allows(request.Actor)) return new Result.Refused("责任追究查询仅限行政审批局督办岗位。");
        if (request.Validate() is { Count: > 0 } errors) return new Result.Invalid(errors);

        var items = db.SupervisionItems.AsNoTracking();
        if (request.Jurisdiction is { Length: > 0 } jurisdiction) items = items.Where(s => s.JurisdictionId == jurisdiction);
        var rows = await items.OrderBy(s => s.OpenedAt).Take(request.Limit * 4).ToListAsync(ct);
        var ids = rows.Select(s => s.CaseId).Distinct().ToList();
        var cases = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.Number, c.ItemCode, c.RegistrationTownshipId, c.OverdueAt, c.ExtensionDays, c.CompletedAt }).ToDictionaryAsync(c => c.Id, ct);
        return new Result.Read(rows.GroupBy(s => s.CaseId).Take(request.Limit).Select(g =>
        {
            var c = cases[g.Key];
            return new Row(c.Id, c.Number, c.ItemCode, c.RegistrationTownshipId, c.OverdueAt, c.ExtensionDays, c.CompletedAt is not null, [.. g.Select(ToPeriod)]);
        }).ToList());
    }

    private static Period ToPeriod(SupervisionItem s) => new(
        s.Scope, s.Scope == TimerSchedule.Overall ? "办理时限" : Stages.Label(s.Scope), s.State, s.JurisdictionId, s.PostId, s.HolderStaffId, s.HeldSince, s.DueAt, s.OpenedAt,
        s.Level.ToString(), s.ExtensionApplied, s.ClockWasStopped, s.ClosedAt);
}
