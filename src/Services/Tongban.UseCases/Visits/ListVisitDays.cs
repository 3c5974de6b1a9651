using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Residents;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.Visits;

/// <summary>The days a resident may book a door-to-door visit at a community (public, no login): published working days, from tomorrow, with places left.</summary>
public sealed class ListVisitDays(TongbanDbContext db, CalendarProvider calendars, TimeProvider clock)
{
    public sealed record Request(string? CommunityId);

    public async Task<Outcome<IReadOnlyList<VisitDay>>> HandleAsync(Request request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var community = errors.Required("communityId", request.CommunityId, CommunityAccess.MaxCommunityIdLength, "请选择社区。", oneLine: true);
        if (errors.Any) return errors.Outcome<IReadOnlyList<VisitDay>>();
        if (!await CommunityAccess.IsUrbanCommunityAsync(db, community!, ct)) return Outcome.Invalid<IReadOnlyList<VisitDay>>("communityId", "社区不存在。");

        var calendar = await calendars.GetAsync(db, ct);
        var today = calendar.ToLocalDate(clock.GetUtcNow());
        var last = today.AddDays(VisitDays.BookingHorizonDays);
        var published = await db.VisitSlots.AsNoTracking().Where(s => s.CommunityId == community && s.Day > today && s.Day <= last)
            .Select(s => new VisitDay(s.Day, s.Capacity, s.Booked)).ToListAsync(ct);
        return new Outcome<IReadOnlyList<VisitDay>>.Ok(VisitDays.Bookable(calendar.Calendar, published, today));
    }
}
