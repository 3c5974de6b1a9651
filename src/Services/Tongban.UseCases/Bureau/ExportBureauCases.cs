using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Auditing;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Auditing;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.Bureau;

/// <summary>
/// The bureau's list as a file: every case the filter selects (the same filter and order as the list), recorded in
/// the audit trail — who, when, purpose, format, rows, filter — and committed before the cases are handed back:
/// if the record cannot be written, nothing is exported.
/// </summary>
public sealed class ExportBureauCases(TongbanDbContext db, TimeProvider clock)
{
    public const int MaxRows = 50_000;
    public const int MaxPurposeLength = 200;
    public const string AuditSubject = "case-list";

    public enum Format
    {
        Csv,
        Xlsx,
    }

    public sealed record Request(Actor Actor, BureauCaseFilter Filter, Format As, string? Purpose)
    {
        public Dictionary<string, string[]> Validate()
        {
            var errors = Filter.Validate();
            if (!Enum.IsDefined(As)) errors["format"] = ["导出格式应为 CSV 或 Excel。"];
            return errors;
        }

        /// <summary>The purpose as recorded: trimmed, cut to <see cref="MaxPurposeLength"/>, or none.</summary>
        public string? RecordedPurpose => string.IsNullOrWhiteSpace(Purpose) ? null : Purpose.Trim()[..Math.Min(Purpose.Trim().Length, MaxPurposeLength)];
    }

    public abstract record Result
    {
        /// <summary>
        /// The cases, most urgent first, as a list shows them (<see cref="CaseListing"/>: up to 50,000 rows, so not the
        /// phone, materials or decision a file has no column for); <paramref name="At"/> is the instant recorded (for the file's name).
        /// </summary>
        public sealed record Exported(IReadOnlyList<CaseListing> Cases, DateTimeOffset At) : Result;

        public sealed record TooMany(int Matching, int Max) : Result;

        public sealed record Refused(string Reason) : Result;

        public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : Result;
    }

    public async Task<Result> HandleAsync(Request request, CancellationToken ct)
    {
        if (!BureauAccess.Allows(request.Actor)) return new Result.Refused("导出仅限行政审批局督办岗位。");
        if (request.Validate() is { Count: > 0 } errors) return new Result.Invalid(errors);

        var now = clock.GetUtcNow();
        var posts = await db.Posts.AsNoTracking().ToListAsync(ct);
        var withTask = await request.Filter.CasesWithBranchTaskAsync(db.CaseTasks.AsNoTracking(), now, posts, ct);
        var filtered = request.Filter.Apply(db.Cases.AsNoTracking(), now, posts, withTask);
        var matching = await filtered.CountAsync(ct);
        if (matching > MaxRows) return new Result.TooMany(matching, MaxRows);

        var cases = await BureauOrder.MostUrgentFirst(filtered).Select(CaseListing.Columns).ToListAsync(ct);
        AuditTrail.Append(db, new AuditEntry(
            now, request.Actor.Id, AuditActions.PersonalDataExport, AuditSubject, AuditOutcomes.Ok,
            Reason: request.RecordedPurpose,
            Detail: $"format={request.As.ToString().ToLowerInvariant()}; rows={cases.Count}; {request.Filter.Describe()}"));
        await db.SaveChangesAsync(ct);
        return new Result.Exported(cases, now);
    }
}
