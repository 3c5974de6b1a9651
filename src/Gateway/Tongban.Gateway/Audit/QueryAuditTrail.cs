using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Auditing;
using Tongban.Workflows.Runtime.Auditing;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.Audit;

/// <summary>
/// GET /api/audit: the audit trail, newest first, filtered and paged, for auditors only. The query is itself
/// audited (who looked at what), and so is a refused attempt.
/// </summary>
public static class QueryAuditTrail
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>Query string; kept as text so a malformed value is a 400 naming its field.</summary>
    public sealed record Filter(string? CaseId, string? ActorId, string? Action, string? From, string? To, string? Page, string? PageSize);

    public sealed record AuditRecordView(
        long Sequence, Guid Id, DateTimeOffset At, string ActorId, string Action, string Subject, Guid? CaseId, string Outcome,
        string? Reason, string? Detail, long? ChainIndex, string? PreviousHash, string? Hash);

    public sealed record AuditPage(int Page, int PageSize, int Total, IReadOnlyList<AuditRecordView> Items);

    public static void MapQueryAuditTrail(this RouteGroupBuilder api) =>
        api.MapGet("/audit", HandleAsync)
            .WithTags("Audit")
            .WithSummary("Audit records, newest first (Auditor role only). Filters: caseId, actorId, action, from, to (ISO 8601); page (from 1), pageSize (1–200).")
            .Produces<AuditPage>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

    private static async Task<IResult> HandleAsync([AsParameters] Filter filter, HttpContext http, TongbanDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var actorId = AuditorAccess.ActorId(http.User);
        if (!AuditorAccess.IsAuditor(http.User))
        {
            AuditTrail.Append(db, new AuditEntry(clock.GetUtcNow(), actorId, AuditActions.AuditQuery, AuditSubjects.AuditTrail, AuditOutcomes.Denied, Detail: "not an auditor"));
            await db.SaveChangesAsync(ct);
            return AuditorAccess.Forbidden();
        }

        var errors = new Dictionary<string, string[]>();
        var caseId = ParseOptional(filter.CaseId, "caseId", errors, (string s, out Guid v) => Guid.TryParse(s, out v), "caseId 应为案件编号（GUID）。");
        var from = ParseOptional<DateTimeOffset>(filter.From, "from", errors, TryParseInstant, "from 应为 ISO 8601 时间，例如 2026-11-21T08:00:00+08:00。");
        var to = ParseOptional<DateTimeOffset>(filter.To, "to", errors, TryParseInstant, "to 应为 ISO 8601 时间，例如 2026-11-21T18:00:00+08:00。");
        var page = ParseOptional(filter.Page, "page", errors, (string s, out int v) => int.TryParse(s, CultureInfo.InvariantCulture, out v) && v >= 1, "page 应为从 1 开始的整数。") ?? 1;
        var pageSize = ParseOptional(filter.PageSize, "pageSize", errors, (string s, out int v) => int.TryParse(s, CultureInfo.InvariantCulture, out v) && v is >= 1 and <= MaxPageSize, $"pageSize 应为 1 至 {MaxPageSize} 的整数。") ?? DefaultPageSize;
        if (filter.ActorId is { Length: > AuditRecordConfiguration.ActorIdLength }) errors["actorId"] = ["actorId 过长。"];
        if (filter.Action is { Length: > AuditRecordConfiguration.ActionLength }) errors["action"] = ["action 过长。"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "输入有误");

        var query = db.AuditRecords.AsNoTracking();
        if (caseId is { } c) query = query.Where(r => r.CaseId == c);
        if (!string.IsNullOrEmpty(filter.ActorId)) query = query.Where(r => r.ActorId == filter.ActorId);
        if (!string.IsNullOrEmpty(filter.Action)) query = query.Where(r => r.Action == filter.Action);
        if (from is { } f) query = query.Where(r => r.At >= f);
        if (to is { } t) query = query.Where(r => r.At < t);

        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(r => r.At).ThenByDescending(r => r.Sequence)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);

        // Record the query before answering it: no look at the trail goes unrecorded.
        AuditTrail.Append(db, new AuditEntry(
            clock.GetUtcNow(), actorId, AuditActions.AuditQuery, AuditSubjects.AuditTrail, AuditOutcomes.Ok, caseId,
            Detail: Describe(filter, caseId, from, to, page, pageSize)));
        await db.SaveChangesAsync(ct);

        return TypedResults.Ok(new AuditPage(page, pageSize, total, [.. rows.Select(r => new AuditRecordView(
            r.Sequence, r.Id, r.At, r.ActorId, r.Action, r.Subject, r.CaseId, r.Outcome, r.Reason, r.Detail, r.ChainIndex, r.PreviousHash, r.Hash))]));
    }

    private delegate bool TryParse<T>(string text, out T value);

    private static T? ParseOptional<T>(string? text, string field, Dictionary<string, string[]> errors, TryParse<T> parse, string message) where T : struct
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (parse(text.Trim(), out var value)) return value;
        errors[field] = [message];
        return null;
    }

    /// <summary>An instant; without an offset it is taken as UTC.</summary>
    private static bool TryParseInstant(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);

    /// <summary>The query as the trail records it: staff ids and filters, never resident data.</summary>
    private static string Describe(Filter filter, Guid? caseId, DateTimeOffset? from, DateTimeOffset? to, int page, int pageSize)
    {
        var parts = new List<string>();
        if (caseId is { } c) parts.Add($"caseId={c}");
        if (!string.IsNullOrEmpty(filter.ActorId)) parts.Add($"actorId={filter.ActorId}");
        if (!string.IsNullOrEmpty(filter.Action)) parts.Add($"action={filter.Action}");
        if (from is { } f) parts.Add($"from={f:O}");
        if (to is { } t) parts.Add($"to={t:O}");
        parts.Add($"page={page}");
        parts.Add($"pageSize={pageSize}");
        return string.Join("; ", parts);
    }
}
