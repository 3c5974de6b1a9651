using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Auditing;
using Tongban.Workflows.Runtime.Auditing;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.Audit;

/// <summary>
/// The audit trail, newest first, filtered and paged, for auditors only. The query is itself audited (who
/// looked at what), and so is a refused attempt.
/// </summary>
public sealed class QueryAuditTrail(TongbanDbContext db, TimeProvider clock)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>Far beyond any trail; keeps (page − 1) × pageSize inside an int.</summary>
    public const int MaxPage = 1_000_000;

    /// <summary>The filter as text, so a malformed value is refused naming its field.</summary>
    public sealed record Request(string ActorId, bool IsAuditor, string? CaseId, string? FilterActorId, string? Action, string? From, string? To, string? Page, string? PageSize);

    public sealed record AuditRecordView(
        long Sequence, Guid Id, DateTimeOffset At, string ActorId, string Action, string Subject, Guid? CaseId, string Outcome,
        string? Reason, string? Detail, long? ChainIndex, string? PreviousHash, string? Hash);

    public sealed record AuditPage(int Page, int PageSize, int Total, IReadOnlyList<AuditRecordView> Items);

    public async Task<Outcome<AuditPage>> HandleAsync(Request r, CancellationToken ct)
    {
        if (!r.IsAuditor)
        {
            AuditTrail.Append(db, new AuditEntry(clock.GetUtcNow(), r.ActorId, AuditActions.AuditQuery, AuditSubjects.AuditTrail, AuditOutcomes.Denied, Detail: "not an auditor"));
            await db.SaveChangesAsync(ct);
            return Outcome.Forbidden<AuditPage>(AuditorRole.Refusal);
        }

        var errors = new FieldErrors();
        var caseId = ParseOptional(r.CaseId, "caseId", errors, (string s, out Guid v) => Guid.TryParse(s, out v), "caseId 应为案件编号（GUID）。");
        var from = ParseOptional<DateTimeOffset>(r.From, "from", errors, TryParseInstant, "from 应为 ISO 8601 时间，例如 2026-11-21T08:00:00+08:00。");
        var to = ParseOptional<DateTimeOffset>(r.To, "to", errors, TryParseInstant, "to 应为 ISO 8601 时间，例如 2026-11-21T18:00:00+08:00。");
        var page = ParseOptional(r.Page, "page", errors, (string s, out int v) => int.TryParse(s, CultureInfo.InvariantCulture, out v) && v is >= 1 and <= MaxPage, $"page 应为 1 至 {MaxPage} 的整数。") ?? 1;
        var pageSize = ParseOptional(r.PageSize, "pageSize", errors, (string s, out int v) => int.TryParse(s, CultureInfo.InvariantCulture, out v) && v is >= 1 and <= MaxPageSize, $"pageSize 应为 1 至 {MaxPageSize} 的整数。") ?? DefaultPageSize;
        if (r.FilterActorId is { Length: > AuditRecordConfiguration.ActorIdLength }) errors.Add("actorId", "actorId 过长。");
        if (r.Action is { Length: > AuditRecordConfiguration.ActionLength }) errors.Add("action", "action 过长。");
        if (errors.Any) return errors.Outcome<AuditPage>();

        var query = db.AuditRecords.AsNoTracking();
        if (caseId is { } c) query = query.Where(x => x.CaseId == c);
        if (!string.IsNullOrEmpty(r.FilterActorId)) query = query.Where(x => x.ActorId == r.FilterActorId);
        if (!string.IsNullOrEmpty(r.Action)) query = query.Where(x => x.Action == r.Action);
        if (from is { } f) query = query.Where(x => x.At >= f);
        if (to is { } t) query = query.Where(x => x.At < t);

        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(x => x.At).ThenByDescending(x => x.Sequence)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);

        // Record the query before answering it: no look at the trail goes unrecorded.
        AuditTrail.Append(db, new AuditEntry(
            clock.GetUtcNow(), r.ActorId, AuditActions.AuditQuery, AuditSubjects.AuditTrail, AuditOutcomes.Ok, caseId,
            Detail: Describe(r, caseId, from, to, page, pageSize)));
        await db.SaveChangesAsync(ct);

        return new AuditPage(page, pageSize, total, [.. rows.Select(x => new AuditRecordView(
            x.Sequence, x.Id, x.At, x.ActorId, x.Action, x.Subject, x.CaseId, x.Outcome, x.Reason, x.Detail, x.ChainIndex, x.PreviousHash, x.Hash))]);
    }

    private delegate bool TryParse<T>(string text, out T value);

    private static T? ParseOptional<T>(string? text, string field, FieldErrors errors, TryParse<T> parse, string message) where T : struct
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (parse(text.Trim(), out var value)) return value;
        errors.Add(field, message);
        return null;
    }

    /// <summary>An instant; without an offset it is taken as UTC.</summary>
    private static bool TryParseInstant(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);

    /// <summary>The query as the trail records it: staff ids and filters, never resident data.</summary>
    private static string Describe(Request r, Guid? caseId, DateTimeOffset? from, DateTimeOffset? to, int page, int pageSize)
    {
        var parts = new List<string>();
        if (caseId is { } c) parts.Add($"caseId={c}");
        if (!string.IsNullOrEmpty(r.FilterActorId)) parts.Add($"actorId={r.FilterActorId}");
        if (!string.IsNullOrEmpty(r.Action)) parts.Add($"action={r.Action}");
        if (from is { } f) parts.Add($"from={f:O}");
        if (to is { } t) parts.Add($"to={t:O}");
        parts.Add($"page={page}");
        parts.Add($"pageSize={pageSize}");
        return string.Join("; ", parts);
    }
}
