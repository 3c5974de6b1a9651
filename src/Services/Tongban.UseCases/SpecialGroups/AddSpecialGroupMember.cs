using Tongban.UseCases.Visits;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Residents;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Persistence;
using Tongban.Workflows.Runtime.Residents;

namespace Tongban.UseCases.SpecialGroups;

/// <summary>
/// 特殊群体台账: a community's staff member records a resident in a special group (高龄, 残疾 with its grade, 重病,
/// 独居, 烈属, 低保, 其他), with the grid, since when, a contact person, and until when the purpose lasts (after that
/// the row is deleted). Only the community's staff and unit head.
/// </summary>
public sealed class AddSpecialGroupMember(TongbanDbContext db, CalendarProvider calendars, TimeProvider clock)
{
    public const int MaxNameLength = 50;
    public const int MaxNoteLength = 200;

    /// <summary>The longest a row may be kept before it is reviewed (then recorded again with a new end).</summary>
    public const int MaxKeepYears = 5;

    public sealed record Request(string? CommunityId, string? Name, string? IdNumber, string? Group, DateOnly? Since, DateOnly? Until)
    {
        public string? GridCode { get; init; }

        public string? Phone { get; init; }

        /// <summary>残疾: 1 to 4.</summary>
        public int? DisabilityGrade { get; init; }

        public string? ContactName { get; init; }

        public string? ContactPhone { get; init; }

        public string? Note { get; init; }
    }

    public async Task<Outcome<Guid>> HandleAsync(Request r, Actor actor, CancellationToken ct)
    {
        var (today, now) = await SpecialGroupRegister.TodayAsync(db, calendars, clock, ct);
        var errors = new FieldErrors();
        var community = errors.Required("communityId", r.CommunityId, CommunityAccess.MaxCommunityIdLength, "请选择社区。", oneLine: true);
        var grid = errors.Optional("gridCode", r.GridCode, CommunityAccess.MaxGridCodeLength, "网格编号不超过40个字符。", oneLine: true);
        if (!PersonName.TryParse(r.Name, MaxNameLength, out var name, out var nameError)) errors.Add("name", nameError);
        if (!ChineseIdNumber.TryParse(r.IdNumber, out var id, out var idError, today)) errors.Add("idNumber", idError);
        string? phone = null;
        if (!string.IsNullOrWhiteSpace(r.Phone))
        {
            if (PhoneNumber.TryParse(r.Phone, out var p, out var phoneError)) phone = p.Value;
            else errors.Add("phone", phoneError);
        }

        if (!SpecialGroupText.TryParse(r.Group, out var group)) errors.Add("group", "群体类别应为 Elderly（高龄）、Disabled（残疾）、SeriouslyIll（重病）、LivingAlone（独居）、MartyrFamily（烈属）、LowIncome（低保）或 Other（其他）。");
        else if (group == SpecialGroup.Disabled && r.DisabilityGrade is not (>= SpecialGroupText.MinDisabilityGrade and <= SpecialGroupText.MaxDisabilityGrade)) errors.Add("disabilityGrade", "残疾须填写残疾等级（1至4级）。");
        else if (group != SpecialGroup.Disabled && r.DisabilityGrade is not null) errors.Add("disabilityGrade", "只有残疾类别填写残疾等级。");
        if (r.Since is null || r.Since > today) errors.Add("since", "请填写纳入台账的日期（不晚于今天）。");
        if (r.Until is null || r.Until < today || (r.Since is { } s && r.Until < s) || r.Until > today.AddYears(MaxKeepYears))
        {
            errors.Add("until", $"请填写保存期限（用途结束之日，不早于今天，最长{MaxKeepYears}年）：到期后该记录自动删除。");
        }

        var contactName = errors.Optional("contactName", r.ContactName, MaxNameLength, $"联系人姓名不超过{MaxNameLength}字。", oneLine: true);
        string? contactPhone = null;
        if (!string.IsNullOrWhiteSpace(r.ContactPhone))
        {
            if (PhoneNumber.TryParse(r.ContactPhone, out var cp, out var cpError)) contactPhone = cp.Value;
            else errors.Add("contactPhone", cpError);
        }

        var note = errors.Optional("note", r.Note, MaxNoteLength, $"备注不超过{MaxNoteLength}字。");
        if (errors.Any) return errors.Outcome<Guid>();

        if (!await CommunityAccess.IsUrbanCommunityAsync(db, community!, ct)) return Outcome.Invalid<Guid>("communityId", "社区不存在。");
        if (!await CommunityAccess.IsStaffOfAsync(db, actor, community!, ct)) return Outcome.Forbidden<Guid>(CommunityAccess.NotYourCommunity);

        var row = new SpecialGroupMember
        {
            Id = Guid.CreateVersion7(now), CommunityId = community!, GridCode = grid, Name = name!, IdNumber = id!.Value, Phone = phone, Group = group,
            DisabilityGrade = r.DisabilityGrade, Since = r.Since!.Value, Until = r.Until!.Value, ContactName = contactName, ContactPhone = contactPhone,
            Note = note, CreatedBy = actor.Id, CreatedAt = now,
        };
        db.SpecialGroupMembers.Add(row);
        await db.SaveChangesAsync(ct);
        return row.Id;
    }
}
