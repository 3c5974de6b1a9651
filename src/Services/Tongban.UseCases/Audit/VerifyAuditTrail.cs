using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tongban.Workflows.Auditing;
using Tongban.Workflows.Runtime.Auditing;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.Audit;

/// <summary>
/// Recomputes the whole hash chain and says whether the trail is intact, and if not,
/// where it first breaks. Auditors only; the check is itself audited. Passing a head recorded earlier
/// (anchorIndex, anchorHash) also shows that the chain was not rebuilt wholesale since.
/// </summary>
public sealed class VerifyAuditTrail(TongbanDbContext db, TimeProvider clock, IOptions<AuditOptions> options, AuditChainKey key, AuditAnchors anchors)
{
    public sealed record VerifyView(
        bool Intact,
        string Summary,
        long Sealed,
        long? FirstIndex,
        long? HeadIndex,
        string? HeadHash,
        long? FirstBrokenIndex,
        string? Problem,
        IReadOnlyList<AuditGap> Gaps,
        int StaleUnsealed,
        long? OldestStaleSequence,
        AuditVerification.AnchorResult? Anchor,
        DateTimeOffset CheckedAt,
        int Forged,
        long? FirstForgedSequence,
        string? HeadToWriteDown,
        IReadOnlyList<AuditAnchorCheck> AnchorFiles);

    /// <param name="AnchorIndex">With <paramref name="AnchorHash"/>: a chain head written down earlier, outside the database.</param>
    public sealed record Request(string ActorId, bool IsAuditor, string? AnchorIndex, string? AnchorHash);

    public async Task<Outcome<VerifyView>> HandleAsync(Request request, CancellationToken ct)
    {
        var (actorId, anchorIndex, anchorHash) = (request.ActorId, request.AnchorIndex, request.AnchorHash);
        if (!request.IsAuditor)
        {
            AuditTrail.Append(db, new AuditEntry(clock.GetUtcNow(), actorId, AuditActions.AuditVerify, AuditSubjects.AuditTrail, AuditOutcomes.Denied, Detail: "not an auditor"));
            await db.SaveChangesAsync(ct);
            return Outcome.Forbidden<VerifyView>(AuditorRole.Refusal);
        }

        (long, string)? anchor = null;
        if (anchorIndex is not null || anchorHash is not null)
        {
            if (!long.TryParse(anchorIndex, CultureInfo.InvariantCulture, out var index) || index < 1 || anchorHash is not { Length: 64 })
            {
                return Outcome.Invalid<VerifyView>("anchorIndex", "anchorIndex（正整数）与 anchorHash（64位十六进制）须同时提供。");
            }

            anchor = (index, anchorHash);
        }

        var result = await AuditVerifier.VerifyAsync(db, key, clock.GetUtcNow(), options.Value.UnsealedTolerance, anchor, options.Value.UnkeyedUpTo, ct);
        var anchorFiles = await CheckAnchorFilesAsync(result.FirstIndex, ct);
        result = result with { Intact = result.Intact && anchorFiles.All(f => f.SignatureValid && f.Matches != false) };

        AuditTrail.Append(db, new AuditEntry(
            clock.GetUtcNow(), actorId, AuditActions.AuditVerify, AuditSubjects.AuditTrail, AuditOutcomes.Ok,
            Detail: result.Intact ? $"intact; head {result.HeadIndex}" : $"NOT intact; first broken {result.FirstBrokenIndex}; gaps {result.Gaps.Count}; stale {result.StaleUnsealed}; forged {result.Forged}"));
        await db.SaveChangesAsync(ct);

        return new VerifyView(
            result.Intact, Summarise(result, anchorFiles), result.Sealed, result.FirstIndex, result.HeadIndex, result.HeadHash, result.FirstBrokenIndex,
            result.Problem?.ToString(), result.Gaps, result.StaleUnsealed, result.OldestStaleSequence, result.Anchor, result.CheckedAt,
            result.Forged, result.FirstForgedSequence,
            result.HeadIndex is { } head ? $"请在系统之外记下：第 {head} 条，哈希 {result.HeadHash}（{result.CheckedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC）" : null,
            anchorFiles);
    }

    /// <summary>
    /// Reads the daily anchor files back: each must carry a valid signature, and the chain must still hold the
    /// hash it recorded at its index (an index below the chain's first, purged after the retention period, is not checked).
    /// </summary>
    private async Task<List<AuditAnchorCheck>> CheckAnchorFilesAsync(long? firstIndex, CancellationToken ct)
    {
        var files = anchors.ReadAll();
        var indexes = files.Where(f => f.Anchor is not null).Select(f => (long?)f.Anchor!.ChainIndex).Distinct().ToList();
        var hashes = await db.AuditRecords.AsNoTracking()
            .Where(r => indexes.Contains(r.ChainIndex))
            .Select(r => new { r.ChainIndex, r.Hash })
            .ToDictionaryAsync(r => r.ChainIndex!.Value, r => r.Hash, ct);
        return [.. files.Select(f => f.Anchor is not { } a ? f.Check
            : firstIndex is { } first && a.ChainIndex < first ? f.Check
            : f.Check with { Matches = hashes.TryGetValue(a.ChainIndex, out var h) && string.Equals(h, a.Hash, StringComparison.Ordinal) })];
    }

    private static string Summarise(AuditVerification r, IReadOnlyList<AuditAnchorCheck> anchorFiles)
    {
        if (r.Intact) return $"审计记录完整：共 {r.Sealed} 条已封存记录，链头为第 {r.HeadIndex?.ToString(CultureInfo.InvariantCulture) ?? "0"} 条。";
        var findings = new List<string>();
        if (r.FirstBrokenIndex is { } broken)
        {
            findings.Add(r.Problem switch
            {
                AuditChainProblem.ContentChanged => $"第 {broken} 条记录在封存后被修改（或审计链未经密钥重新计算）",
                AuditChainProblem.LinkBroken => $"第 {broken} 条记录与前一条记录的链接被破坏（前一条记录被改动并重新计算）",
                _ => $"第 {broken} 条记录不是从链的起点开始",
            });
        }

        findings.AddRange(r.Gaps.Select(g => g.From == g.To ? $"第 {g.From} 条记录缺失（被删除）" : $"第 {g.From} 至 {g.To} 条记录缺失（被删除）"));
        if (r.StaleUnsealed > 0) findings.Add($"{r.StaleUnsealed} 条记录长时间未封存（封存服务可能未运行）");
        if (r.Forged > 0) findings.Add($"{r.Forged} 条记录不是由系统写入的（无有效记录签名，可能被直接插入数据库），未予封存");
        if (r.Anchor is { Matches: false } a) findings.Add($"第 {a.ChainIndex} 条记录的哈希与先前记下的不一致（审计链可能被整体重建）");
        findings.AddRange(anchorFiles.Where(f => !f.SignatureValid).Select(f => $"锚定文件 {f.File} 的签名无效（被伪造或改动）"));
        findings.AddRange(anchorFiles.Where(f => f.Matches == false).Select(f => $"锚定文件 {f.File} 记下的第 {f.ChainIndex} 条记录哈希与现有审计链不一致（审计链可能被重建）"));
        return "审计记录不完整：" + string.Join("；", findings) + "。";
    }
}
