using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tongban.Workflows.Cases;
using Tongban.UseCases.Residents;
using Tongban.Workflows.Requests;
using Tongban.Workflows.Residents;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Organisation;
using Tongban.Workflows.Runtime.Persistence;
using Tongban.Workflows.Runtime.Requests;

namespace Tongban.UseCases.Requests;

/// <summary>
/// 网上咨询/预约, anonymous, from the public page /request or POST /api/public/requests: a resident asks about an
/// item and wants a call-back. Creates a request (not a case) in the community's queue with its call-back limit
/// (<see cref="CallBackDeadline"/>); answers a reference number and the limit, nothing personal. Limited per
/// client address (<see cref="RequestOptions.PerAddressPerHour"/>, counted from the stored requests, so across
/// nodes); bad input writes nothing.
/// </summary>
public sealed class SubmitRequest(TongbanDbContext db, ItemVersionCache items, CalendarProvider calendars, LookupKeys keys, IOptions<RequestOptions> options, TimeProvider clock)
{
    public const int MaxItemCodeLength = 40;
    public const int MaxNameLength = 50;
    public const int MaxPhoneLength = 20;
    public const int MaxPreferredTimeLength = 40;
    public const int MaxAddressLength = 100;
    public const int MaxCommunityIdLength = 40;
    public const int MaxGridIdLength = 40;

    public const string TryLaterText = "提交次数过多，请稍后再试，或直接致电社区。";

    // No 0/O, 1/I/L: read out on the phone.
    private const string ReferenceAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public sealed record Request(string? ItemCode, string? Name, string? Phone, string? PreferredTime, string? Address, string? CommunityId, string? GridId, bool? Consent)
    {
        /// <summary>The client's address as the door saw it (hashed before it is stored).</summary>
        public string? ClientAddress { get; init; }
    }

    public enum Result
    {
        Submitted,
        TryLater,
    }

    /// <summary>What the resident is told: the reference and by when they will be called, nothing personal.</summary>
    public sealed record Answer(Result Result, string? Reference, string? CommunityName, DateTimeOffset? CallBackBy);

    public async Task<Outcome<Answer>> HandleAsync(Request request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var code = errors.Required("itemCode", request.ItemCode, MaxItemCodeLength, "请选择要办理的事项。", oneLine: true);
        var item = code is null ? null : await items.GetCurrentAsync(db, code, ct);
        if (code is not null && item is null) errors.Add("itemCode", "请从列表中选择事项。");
        if (!PersonName.TryParse(request.Name, MaxNameLength, out var name, out var nameError)) errors.Add("name", nameError.Replace("申请人", "", StringComparison.Ordinal));
        string? phone = null;
        if (request.Phone is { Length: > MaxPhoneLength }) errors.Add("phone", "请填写正确的手机号码或座机号码。");
        else if (!PhoneNumber.TryParse(request.Phone, out var parsed, out var phoneError)) errors.Add("phone", phoneError);
        else phone = parsed.Value;
        var preferred = errors.Optional("preferredTime", request.PreferredTime, MaxPreferredTimeLength, $"方便接电话的时间不超过{MaxPreferredTimeLength}字。", oneLine: true);
        var address = errors.Optional("address", request.Address, MaxAddressLength, $"地址不超过{MaxAddressLength}字。", oneLine: true);
        var communityId = errors.Required("communityId", request.CommunityId, MaxCommunityIdLength, "请选择所在社区。", oneLine: true);
        var community = communityId is null ? null
            : await db.Jurisdictions.AsNoTracking().SingleOrDefaultAsync(j => j.Id == communityId && j.Kind == JurisdictionKind.UrbanCommunity, ct);
        if (communityId is not null && community is null) errors.Add("communityId", "请从列表中选择所在社区。");
        var gridId = errors.Optional("gridId", request.GridId, MaxGridIdLength, "请从列表中选择网格。", oneLine: true);
        if (gridId is not null && community is not null && !await db.Grids.AnyAsync(g => g.Id == gridId && g.CommunityId == community.Id, ct))
        {
            errors.Add("gridId", "所选网格不属于所选社区，请重新选择（不清楚可不选）。");
        }

        if (request.Consent != true) errors.Add("consent", "请阅读并勾选同意社区为回访和办理本事项处理您填写的个人信息。");
        if (errors.Any) return errors.Outcome<Answer>();

        var now = clock.GetUtcNow();
        var addressHash = keys.Address(request.ClientAddress);
        var hourAgo = now.AddHours(-1);
        var recent = await db.ServiceRequests.CountAsync(r => r.AddressHash == addressHash && r.SubmittedAt > hourAgo && r.SubmittedAt <= now, ct);
        if (recent >= options.Value.PerAddressPerHour) return new Answer(Result.TryLater, null, null, null);

        var calculator = await calendars.GetAsync(db, ct);
        var o = options.Value;
        var due = CallBackDeadline.Of(now, calculator.Calendar, calculator.TimeZone, o.Hours, o.CallBackWorkingHours);
        var row = new ServiceRequest
        {
            Id = Guid.CreateVersion7(now),
            Reference = NewReference(calculator.ToLocalDate(now)),
            CommunityId = community!.Id, GridId = gridId, ItemCode = item!.Spec.Code,
            Name = name!, Phone = phone!, PreferredTime = preferred, Address = address,
            ConsentAt = now, SubmittedAt = now, CallBackDueAt = due, AddressHash = addressHash,
            State = ServiceRequestState.AwaitingCallBack,
        };
        db.ServiceRequests.Add(row);
        // A new row with a new id (the reference is random; a collision is a unique-index error, vanishingly rare).
        await db.SaveChangesAsync(ct);
        return new Answer(Result.Submitted, row.Reference, community.Name, due);
    }

    private static string NewReference(DateOnly today) =>
        $"WS{today:yyyyMMdd}-{RandomNumberGenerator.GetString(ReferenceAlphabet, 6)}";
}
