using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Residents;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Persistence;
using Tongban.Workflows.Runtime.Residents;

namespace Tongban.UseCases.Visits;

/// <summary>
/// 上门服务: a community's door-to-door visits from today on (and the last week's), for its staff and unit head —
/// the visiting staff see theirs and the unassigned ones. Name, phone and address masked; the full contact is
/// <see cref="ViewVisit"/> (audited).
/// </summary>
public sealed class ListVisits(TongbanDbContext db, CalendarProvider calendars, TimeProvider clock)
{
    public const int MaxRows = 200;

    /// <param name="CommunityId">Default: the caller's community.</param>
    public sealed record Request(string? CommunityId);

    public sealed record Row(
        Guid Id, DateOnly Day, string NameMasked, string PhoneMasked, string AddressMasked, string Reason, string? ItemCode, string? GridCode,
        VisitStatus Status, string? VisitorStaffId, bool Mine, Guid? CaseId, bool BookedByPublic);

    public sealed record Answer(string CommunityId, IReadOnlyList<Row> Rows);

    public async Task<Outcome<Answer>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var community = await CommunityAccess.ResolveAsync(db, actor, request.CommunityId, errors, ct);
        if (errors.Any) return errors.Outcome<Answer>();
        if (community is null || !await CommunityAccess.IsStaffOfAsync(db, actor, community, ct)) return Outcome.Forbidden<Answer>(CommunityAccess.NotYourCommunity);

        var since = (await calendars.GetAsync(db, ct)).ToLocalDate(clock.GetUtcNow()).AddDays(-7);
        var visits = await db.Visits.AsNoTracking().Where(v => v.CommunityId == community && v.Day >= since)
            .OrderBy(v => v.Day).ThenBy(v => v.CreatedAt).Take(MaxRows).ToListAsync(ct);
        return new Answer(community, [.. visits.Select(v => new Row(
            v.Id, v.Day, Mask.Name(v.ResidentName), PhoneNumber.TryParse(v.Phone, out var p, out _) ? p.Masked : Mask.KeepEnds(v.Phone, 3, 4),
            MaskAddress(v.Address), v.Reason, v.ItemCode, v.GridCode, v.Status, v.VisitorStaffId, v.VisitorStaffId == actor.Id, v.CaseId, v.BookedBy == BookVisit.PublicBooker))]);
    }

    /// <summary>The first six characters (street and neighbourhood, usually), the rest hidden.</summary>
    public static string MaskAddress(string address) => address.Length <= 6 ? new string(Mask.Hidden, address.Length) : address[..6] + new string(Mask.Hidden, Math.Min(address.Length - 6, 8));
}
