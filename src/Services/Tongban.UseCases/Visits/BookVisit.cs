using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tongban.UseCases.Residents;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Residents;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Persistence;
using Tongban.Workflows.Runtime.Residents;

namespace Tongban.UseCases.Visits;

/// <summary>
/// 预约上门: a resident or a family member books a door-to-door visit on the public page /visit (or
/// POST /api/public/visits), no login; or a community's staff member books it for them on the phone (staff page,
/// POST /api/visits). One of the community's published working days with a place left; consent to the processing
/// of the personal data is required.
/// </summary>
/// <remarks>
/// Capacity holds under concurrency: the booking raises the day's booked count and inserts the visit in one save,
/// checked against the day's version. Of two bookings for the last place one commits and the other is answered
/// 409 (the day is full); a lost race for a day with places left is retried. The public door is limited per client
/// address per hour (<see cref="VisitLimits"/>), counted from the visits themselves so it holds across nodes.
/// </remarks>
public sealed class BookVisit(TongbanDbContext db, CalendarProvider calendars, ItemVersionCache items, LookupKeys keys, IOptions<VisitLimits> limits, TimeProvider clock)
{
    public const int MaxNameLength = 50;
    public const int MaxPhoneLength = 20;
    public const int MaxAddressLength = 200;
    public const int MaxReasonLength = 500;
    public const int MaxItemCodeLength = 40;

    /// <summary>Bookings of one day that lose the race for its version but find places left are retried this often.</summary>
    private const int Attempts = 5;

    public const string PublicBooker = "public";

    public const string TryLaterText = "预约次数过多，请稍后再试，或直接致电社区。";

    public sealed record Request(string? CommunityId, string? Name, string? Phone, string? Address, string? Reason, DateOnly? Day, bool? Consent)
    {
        public string? ItemCode { get; init; }

        /// <summary>Staff only: the resident's grid.</summary>
        public string? GridCode { get; init; }

        /// <summary>The public booker's client address (hashed before it is stored); ignored for staff.</summary>
        public string? ClientAddress { get; init; }
    }

    /// <summary>The booking, or <see cref="TryLater"/> when the public limit refused it (nothing written).</summary>
    public sealed record Answer(Booked? Booking, bool TryLater);

    /// <summary>What the booker is told: no personal data echoed.</summary>
    public sealed record Booked(Guid Id, string CommunityId, DateOnly Day);

    /// <param name="actor">The staff member booking on the phone; null for the public page and API.</param>
    public async Task<Outcome<Answer>> HandleAsync(Request request, Actor? actor, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var community = errors.Required("communityId", request.CommunityId, CommunityAccess.MaxCommunityIdLength, "请选择社区。", oneLine: true);
        if (!PersonName.TryParse(request.Name, MaxNameLength, out var name, out var nameError)) errors.Add("name", nameError);
        if (!PhoneNumber.TryParse(request.Phone, out var phone, out var phoneError)) errors.Add("phone", phoneError);
        var address = errors.Required("address", request.Address, MaxAddressLength, $"请填写上门地址（不超过{MaxAddressLength}字）。", oneLine: true);
        var reason = errors.Required("reason", request.Reason, MaxReasonLength, $"请填写需要办理的事项或事由（不超过{MaxReasonLength}字）。");
        var itemCode = errors.Optional("itemCode", request.ItemCode, MaxItemCodeLength, "事项代码不超过40个字符。", oneLine: true);
        var grid = errors.Optional("gridCode", request.GridCode, CommunityAccess.MaxGridCodeLength, "网格编号不超过40个字符。", oneLine: true);
        if (request.Day is null) errors.Add("day", "请选择上门日期。");
        if (request.Consent != true) errors.Add("consent", "须同意社区为上门服务处理您填写的个人信息，才能预约。");
        if (errors.Any) return errors.Outcome<Answer>();

        if (!await CommunityAccess.IsUrbanCommunityAsync(db, community!, ct)) return Outcome.Invalid<Answer>("communityId", "社区不存在。");
        if (actor is not null && !await CommunityAccess.IsStaffOfAsync(db, actor, community!, ct)) return Outcome.Forbidden<Answer>(CommunityAccess.NotYourCommunity);
        if (itemCode is not null && await items.GetCurrentAsync(db, itemCode, ct) is null) return Outcome.Invalid<Answer>("itemCode", $"事项「{itemCode}」不在事项清单中。");

        var now = clock.GetUtcNow();
        var addressHash = actor is null ? keys.Address(request.ClientAddress) : null;
        if (addressHash is not null)
        {
            var hourAgo = now.AddHours(-1);
            if (await db.Visits.CountAsync(v => v.AddressHash == addressHash && v.CreatedAt > hourAgo, ct) >= limits.Value.PerAddressPerHour) return new Answer(null, TryLater: true);
        }

        var calendar = await calendars.GetAsync(db, ct);
        var today = calendar.ToLocalDate(now);
        var day = request.Day!.Value;
        for (var attempt = 1; ; attempt++)
        {
            var slot = await db.VisitSlots.SingleOrDefaultAsync(s => s.CommunityId == community && s.Day == day, ct);
            var check = VisitDays.Check(calendar.Calendar, slot is null ? null : new VisitDay(slot.Day, slot.Capacity, slot.Booked), day, today);
            if (check == VisitDayCheck.Full) return Outcome.Conflict<Answer>(VisitDays.Reason(check));
            if (check != VisitDayCheck.Bookable) return Outcome.Invalid<Answer>("day", VisitDays.Reason(check));

            var phoneValue = phone!.Value;
            if (await db.Visits.AnyAsync(v => v.CommunityId == community && v.Day == day && v.Phone == phoneValue && v.Status == VisitStatus.Booked, ct))
            {
                return Outcome.Conflict<Answer>("该电话号码在这一天已有上门预约，无需重复预约。");
            }

            slot!.Booked++;
            slot.Version++;
            var visit = new Visit
            {
                Id = Guid.CreateVersion7(now), CommunityId = community!, GridCode = actor is null ? null : grid, Day = day,
                ResidentName = name!, Phone = phoneValue, Address = address!, Reason = reason!, ItemCode = itemCode,
                BookedBy = actor?.Id ?? PublicBooker, AddressHash = addressHash, ConsentAt = now, CreatedAt = now, Status = VisitStatus.Booked,
            };
            db.Visits.Add(visit);
            try
            {
                await db.SaveChangesAsync(ct);
                return new Answer(new Booked(visit.Id, visit.CommunityId, visit.Day), TryLater: false);
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                // Another booking took a place of this day first: look again (it may have been the last one).
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                return Outcome.Conflict<Answer>("同时预约的人较多，本次预约未成功，请重试。");
            }
        }
    }
}
