using Microsoft.EntityFrameworkCore;
using Tongban.UseCases.Visits;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Residents;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.SpecialGroups;

/// <summary>
/// A community's special-groups register, optionally one grid: masked (name, ID number first 6 + last 4, phones),
/// for the community's staff and unit head only; rows past their purpose are deleted first and never shown.
/// </summary>
public sealed class ListSpecialGroupMembers(TongbanDbContext db, CalendarProvider calendars, TimeProvider clock)
{
    public const int MaxRows = 500;

    public sealed record Request(string? CommunityId, string? GridCode);

    public sealed record Row(Guid Id, string? GridCode, string NameMasked, string IdNumberMasked, string? PhoneMasked, SpecialGroup Group, string GroupLabel, int? DisabilityGrade,
        DateOnly Since, DateOnly Until, string? ContactNameMasked, string? ContactPhoneMasked);

    public sealed record Answer(string CommunityId, IReadOnlyList<Row> Rows);

    public async Task<Outcome<Answer>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var community = await CommunityAccess.ResolveAsync(db, actor, request.CommunityId, errors, ct);
        var grid = errors.Optional("gridCode", request.GridCode, CommunityAccess.MaxGridCodeLength, "网格编号不超过40个字符。", oneLine: true);
        if (errors.Any) return errors.Outcome<Answer>();
        if (community is null || !await CommunityAccess.IsStaffOfAsync(db, actor, community, ct)) return Outcome.Forbidden<Answer>(CommunityAccess.NotYourCommunity);

        var (today, now) = await SpecialGroupRegister.TodayAsync(db, calendars, clock, ct);
        await SpecialGroupRegister.PurgeExpiredAsync(db, today, now, actor.Id, ct);
        var rows = db.SpecialGroupMembers.AsNoTracking().Where(m => m.CommunityId == community && m.Until >= today);
        if (grid is not null) rows = rows.Where(m => m.GridCode == grid);
        var list = await rows.OrderBy(m => m.GridCode).ThenBy(m => m.CreatedAt).Take(MaxRows).ToListAsync(ct);
        return new Answer(community, [.. list.Select(m => new Row(
            m.Id, m.GridCode, Mask.Name(m.Name), Mask.KeepEnds(m.IdNumber, 6, 4), MaskPhone(m.Phone), m.Group, SpecialGroupText.Label(m.Group), m.DisabilityGrade,
            m.Since, m.Until, m.ContactName is null ? null : Mask.Name(m.ContactName), MaskPhone(m.ContactPhone)))]);
    }

    public static string? MaskPhone(string? phone) =>
        phone is null ? null : PhoneNumber.TryParse(phone, out var p, out _) ? p.Masked : Mask.KeepEnds(phone, 3, 4);
}
