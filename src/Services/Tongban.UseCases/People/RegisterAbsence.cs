using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Auditing;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Posts;
using Tongban.Workflows.Runtime.Auditing;
using Tongban.Workflows.Runtime.Organisation;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.People;

/// <summary>
/// 缺岗登记 (AB 双岗): the holder registers their own leave, the unit head anyone's. A and B may not be away at
/// once unless the unit head names a cover, who must be staff of the post's own unit. Two registrations at the
/// same moment are serialised on the post (<see cref="RowLock"/>): the second sees the first and is refused.
/// </summary>
public sealed class RegisterAbsence(TongbanDbContext db, TimeProvider clock)
{
    public static readonly DateOnly Earliest = new(2000, 1, 1);
    public static readonly DateOnly Latest = new(2100, 12, 31);

    /// <param name="From">First day away, county-local.</param>
    /// <param name="To">Last day away (included).</param>
    /// <param name="StaffId">Whose absence; the caller's own when empty.</param>
    public sealed record Request(string PostId, string? StaffId, DateOnly? From, DateOnly? To, string? CoverStaffId);

    public async Task<Outcome<PostAbsence>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        var post = await PostAccess.FindAsync(db, request.PostId, ct);
        if (post is null) return Outcome.NotFound<PostAbsence>(PostAccess.PostNotFound);
        if (!PostAccess.MaySee(actor, post)) return Outcome.Forbidden<PostAbsence>(PostAccess.NotYourJurisdiction);

        var errors = new FieldErrors();
        var from = ReadDay(errors, "from", request.From, "请填写缺岗开始日期（yyyy-MM-dd）。");
        var to = ReadDay(errors, "to", request.To, "请填写缺岗结束日期（yyyy-MM-dd）。");
        if (from is { } f && to is { } t)
        {
            if (t < f) errors.Add("to", "结束日期不能早于开始日期。");
            else if (t >= f.AddYears(1)) errors.Add("to", "一次登记的缺岗不能超过一年。");
        }

        var staffId = errors.Optional("staffId", request.StaffId, PostAccess.MaxStaffIdLength, $"工作人员账号不超过{PostAccess.MaxStaffIdLength}个字符。", oneLine: true) ?? actor.Id;
        var cover = errors.Optional("coverStaffId", request.CoverStaffId, PostAccess.MaxStaffIdLength, $"顶岗人员账号不超过{PostAccess.MaxStaffIdLength}个字符。", oneLine: true);
        if (cover is not null && await CoverRefusalAsync(cover, post, ct) is { } refusal) errors.Add("coverStaffId", refusal);
        if (errors.Any) return errors.Outcome<PostAbsence>();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await RowLock.PostAsync(db, post.Id, ct);
        var proposed = new Absence(staffId, from!.Value, to!.Value, cover);
        var existing = await PostRegister.AbsencesAsync(db, [post.PrimaryHolderId, post.BackupHolderId], proposed.From, proposed.To, ct);
        switch (AbsenceRules.Check(PostRegister.HoldersOf(post), existing, proposed, actor.Id))
        {
            case AbsenceDecision.NotPermitted n: return Outcome.Forbidden<PostAbsence>(n.Reason);
            case AbsenceDecision.Refused r: return Outcome.Conflict<PostAbsence>(r.Reason);
        }

        var now = clock.GetUtcNow();
        var absence = new PostAbsence { Id = Guid.CreateVersion7(now), PostId = post.Id, StaffId = staffId, From = proposed.From, To = proposed.To, CoverStaffId = cover, RegisteredBy = actor.Id, RegisteredAt = now };
        db.PostAbsences.Add(absence);
        AuditTrail.Append(db, new AuditEntry(now, actor.Id, "post.RegisterAbsence", $"post:{post.Id}", AuditOutcomes.Ok, Detail: Detail(absence)));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return absence;
    }

    /// <summary>Who is away when, and who named whom as cover: the record answers for the cover's authority.</summary>
    private static string Detail(PostAbsence a) =>
        $"{a.StaffId} absent {a.From:yyyy-MM-dd}..{a.To:yyyy-MM-dd}" + (a.CoverStaffId is null ? "" : $"; cover {a.CoverStaffId} named by {a.RegisteredBy}");

    private static DateOnly? ReadDay(FieldErrors errors, string field, DateOnly? day, string missing)
    {
        if (day is null) errors.Add(field, missing);
        else if (day < Earliest || day > Latest) errors.Add(field, $"日期应在 {Earliest:yyyy-MM-dd} 至 {Latest:yyyy-MM-dd} 之间。");
        else return day;
        return null;
    }

    /// <summary>A cover acts with the A holder's authority: only someone of the post's own unit may be named.</summary>
    private async Task<string?> CoverRefusalAsync(string cover, Post post, CancellationToken ct)
    {
        if (!await db.Staff.AnyAsync(s => s.Id == cover, ct)) return $"工作人员「{cover}」不存在。";
        if (await PostAccess.IsStaffOfAsync(db, cover, post.JurisdictionId, ct)) return null;
        var unit = await db.Jurisdictions.Where(j => j.Id == post.JurisdictionId).Select(j => j.Name).SingleOrDefaultAsync(ct) ?? post.JurisdictionId;
        return $"「{cover}」不是{unit}的工作人员；顶岗人员须由本单位人员担任。";
    }
}
