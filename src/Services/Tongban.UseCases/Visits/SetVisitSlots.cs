using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Residents;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Persistence;
using Tongban.Workflows.Runtime.Residents;

namespace Tongban.UseCases.Visits;

/// <summary>
/// 预约上门: a community publishes how many door-to-door visits it takes on each working day of a range (the county
/// calendar's working days only: weekends and holidays are skipped, 调休 make-up days included). Only the county
/// administrator or the community's unit head. Capacity 0 closes the days; a capacity below what is booked keeps
/// the bookings and takes no more.
/// </summary>
public sealed class SetVisitSlots(TongbanDbContext db, CalendarProvider calendars, TimeProvider clock)
{
    public sealed record Request(string? CommunityId, DateOnly? From, DateOnly? To, int? Capacity);

    public sealed record Answer(string CommunityId, IReadOnlyList<VisitDay> Days, int SkippedDays);

    public async Task<Outcome<Answer>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var community = errors.Required("communityId", request.CommunityId, CommunityAccess.MaxCommunityIdLength, "请选择社区。", oneLine: true);
        var calendar = await calendars.GetAsync(db, ct);
        var today = calendar.ToLocalDate(clock.GetUtcNow());
        if (request.From is null) errors.Add("from", "请填写开始日期（yyyy-MM-dd）。");
        else if (request.From < today) errors.Add("from", "开始日期不能早于今天。");
        if (request.To is null) errors.Add("to", "请填写结束日期（yyyy-MM-dd）。");
        else if (request.From is { } f && (request.To < f || request.To.Value.DayNumber - f.DayNumber >= VisitDays.MaxPublishRangeDays))
        {
            errors.Add("to", $"结束日期应在开始日期之后，且一次最多设置{VisitDays.MaxPublishRangeDays}天。");
        }

        if (request.Capacity is not { } capacity || capacity < 0 || capacity > VisitDays.MaxCapacity) errors.Add("capacity", $"每日可约数应为 0 至 {VisitDays.MaxCapacity}（0 表示当日不开放）。");
        if (errors.Any) return errors.Outcome<Answer>();

        if (!await CommunityAccess.IsUrbanCommunityAsync(db, community!, ct)) return Outcome.Invalid<Answer>("communityId", "社区不存在。");
        if (!await CommunityAccess.IsAdministratorAsync(db, actor, ct) && !await CommunityAccess.IsUnitHeadOfAsync(db, actor, community!, ct))
        {
            return Outcome.Forbidden<Answer>("上门服务的可预约日期仅限本社区单位负责人或系统管理员设置。");
        }

        var from = request.From!.Value;
        var to = request.To!.Value;
        var days = VisitDays.Publishable(calendar.Calendar, from, to);
        var existing = await db.VisitSlots.Where(s => s.CommunityId == community && s.Day >= from && s.Day <= to).ToDictionaryAsync(s => s.Day, ct);
        var now = clock.GetUtcNow();
        foreach (var day in days)
        {
            if (existing.TryGetValue(day, out var slot))
            {
                slot.Capacity = request.Capacity!.Value;
                slot.SetBy = actor.Id;
                slot.SetAt = now;
                slot.Version++;
            }
            else
            {
                db.VisitSlots.Add(new VisitSlot { CommunityId = community!, Day = day, Capacity = request.Capacity!.Value, SetBy = actor.Id, SetAt = now });
            }
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A booking (or another publication) changed one of these days meanwhile.
            db.ChangeTracker.Clear();
            return Outcome.Conflict<Answer>("期间有人预约或修改了其中的日期，本次设置未生效，请重试。");
        }

        var saved = await db.VisitSlots.AsNoTracking().Where(s => s.CommunityId == community && s.Day >= from && s.Day <= to).OrderBy(s => s.Day).ToListAsync(ct);
        return new Answer(community!, [.. saved.Select(s => new VisitDay(s.Day, s.Capacity, s.Booked))], to.DayNumber - from.DayNumber + 1 - days.Count);
    }
}
