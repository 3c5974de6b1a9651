using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Catalog;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Residents;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Persistence;
using Tongban.Workflows.Runtime.Requests;
using Tongban.Workflows.Runtime.Residents;
using EngineOpenCase = Tongban.Workflows.Runtime.Cases.OpenCase;

namespace Tongban.UseCases.Intake;

/// <summary>
/// 接件 at the community window, from POST /api/cases or the intake page: form check (required fields, lengths,
/// materials against the item's list), identity check (GB 11643 check digit), 授权委托 for 帮办代办; the clerk (or
/// the staff member of the consultation it follows) becomes the first-contact person (首问责任人).
/// An idempotency key (the API's header, the page's hidden field) is the new case's id, so a submission repeated
/// after a lost answer or a double click finds the case it opened instead of opening a second one.
/// </summary>
public sealed class OpenCase(CaseWorkflow workflow, TongbanDbContext db, TimeProvider clock)
{
    public const string IdempotencyKeyField = "Idempotency-Key";
    public const int MaxItemCodeLength = 40;
    public const int MaxNameLength = 50;

    /// <summary>GB 11643: 18 characters; a longer text is never an ID number.</summary>
    public const int IdNumberLength = 18;

    /// <summary>A landline with area code and hyphen (0000-00000000) or a mobile; a longer text is never a phone number.</summary>
    public const int MaxPhoneLength = 20;
    public const int MaxTownshipIdLength = 40;
    public const int MaxMaterials = 50;
    public const int MaxDeferredMaterials = 50;
    public const int MaxMaterialCodeLength = Tongban.Workflows.Cases.MaterialCodes.MaxLength;
    public const int MaxAgentLength = 100;
    public const int MaxScopeLength = 500;

    // A 授权委托书 older than this is a typing error (the service started long after), not a document on file.
    private static readonly DateOnly EarliestSignedOn = new(2000, 1, 1);

    // Dates at the window are China Standard Time (UTC+8, no daylight saving), whatever the server's zone.
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public sealed record Request(string? ItemCode, string? Mode, Applicant? Applicant, string? RegistrationTownshipId, IReadOnlyList<string?>? Materials)
    {
        /// <summary>容缺受理: non-essential materials the applicant promises in writing to supply later.</summary>
        public IReadOnlyList<string?>? DeferredMaterials { get; init; }

        /// <summary>Working days to supply them (county default when omitted).</summary>
        public int? PromiseWorkingDays { get; init; }

        /// <summary>Window (default), DoorToDoor (上门代办) or Online (网上办, staff call-back).</summary>
        public string? Channel { get; init; }

        /// <summary>授权委托 for 帮办代办; required for DoorToDoor.</summary>
        public AuthorisationRequest? Authorisation { get; init; }

        /// <summary>The consultation this application follows (recorded at this community): its staff member is the first-contact person.</summary>
        public Guid? ConsultationId { get; init; }

        /// <summary>A GUID chosen once per submission and kept when it is sent again; null for none.</summary>
        public string? IdempotencyKey { get; init; }

        /// <summary>True when the resident does not want milestone notices (SMS); default false (notices are sent).</summary>
        public bool? NoticesOptOut { get; init; }

        /// <summary>
        /// The online request (网上申请) this intake opens, after its call-back (and collection at home): the case's
        /// channel is then Online, the call-back person its first-contact person, and the request records the case.
        /// </summary>
        public Guid? RequestId { get; init; }

        /// <summary>The door-to-door appointment (预约上门) this intake ends: channel DoorToDoor, a booked visit of this community.</summary>
        public Guid? VisitId { get; init; }
    }

    public sealed record Applicant(string? Name, string? IdNumber, string? Phone);

    /// <summary>Who applies on the resident's behalf (staff login or grid worker's name), for what, signed on which day, through which channel (default: the case's).</summary>
    public sealed record AuthorisationRequest(string? Agent, string? Scope, DateOnly? SignedOn, string? Channel);

    /// <summary>The case; <paramref name="IsNew"/> is false when a repeated submission found the case it opened before.</summary>
    public sealed record Opened(Case Case, bool IsNew);

    public async Task<Outcome<Opened>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(ChinaOffset).DateTime);
        var application = Read(request, today, errors, out var key);
        if (errors.Any) return errors.Outcome<Opened>();

        if (key is { } existingKey && await RepeatedAsync(existingKey, application!, actor, ct) is { } repeated) return repeated;

        var window = actor.Posts.FirstOrDefault(p => p.Role == PostRole.WindowClerk);
        if (request.ConsultationId is { } consultationId && window is not null)
        {
            // 首问负责: the first-contact person must be able to follow the case, so only a consultation recorded at
            // this community can be carried into its case.
            var recordedAt = await db.Consultations.AsNoTracking().Where(c => c.Id == consultationId).Select(c => c.JurisdictionId).SingleOrDefaultAsync(ct);
            if (recordedAt is not null && recordedAt != window.JurisdictionId)
            {
                return Outcome.Invalid<Opened>("consultationId", "只能接续本社区登记的咨询：首问责任人须能跟踪本案的办理。");
            }
        }

        ServiceRequest? fromRequest = null;
        if (request.RequestId is { } requestId)
        {
            fromRequest = await db.ServiceRequests.SingleOrDefaultAsync(r => r.Id == requestId, ct);
            if (fromRequest is null) return Outcome.Invalid<Opened>("requestId", "网上申请不存在。");
            if (window is null || fromRequest.CommunityId != window.JurisdictionId) return Outcome.Forbidden<Opened>("该网上申请不属于本社区，不能据此接件。");
            if (fromRequest.State is not (ServiceRequestState.ListTold or ServiceRequestState.Collected))
            {
                return Outcome.Conflict<Opened>(fromRequest.State == ServiceRequestState.CaseOpened ? "该网上申请已接件建案，不能重复建案。" : "该网上申请尚未回访告知材料或上门收件，不能接件。");
            }

            if (fromRequest.ItemCode != application!.ItemCode) return Outcome.Invalid<Opened>("itemCode", "事项与网上申请的事项不一致。");
            if (request.Channel is not null && application.Channel != CaseChannel.Online) return Outcome.Invalid<Opened>("channel", "由网上申请接件的受理渠道为 Online（网上办）。");
            application = application with { Channel = CaseChannel.Online, ConsultationId = application.ConsultationId ?? fromRequest.ConsultationId };
        }

        Visit? visit = null;
        if (request.VisitId is { } visitId && window is not null)
        {
            if (application!.Channel != CaseChannel.DoorToDoor) return Outcome.Invalid<Opened>("visitId", "上门预约的接件，受理渠道应为 DoorToDoor（上门代办）。");
            visit = await db.Visits.SingleOrDefaultAsync(v => v.Id == visitId, ct);
            if (visit is null || visit.CommunityId != window?.JurisdictionId) return Outcome.Invalid<Opened>("visitId", "上门预约不存在或不属于本社区。");
            if (visit.Status != VisitStatus.Booked) return Outcome.Conflict<Opened>("该上门预约已办结或已取消。");
        }

        var result = await workflow.OpenAsync(application!, actor, ct);
        if (result is not WorkflowResult.Done done)
        {
            db.ChangeTracker.Clear();
            // A parallel submission with the same key may have opened the case (and linked its consultation) meanwhile.
            if (key is { } k && await RepeatedAsync(k, application!, actor, ct) is { } meanwhile) return meanwhile;
            // A parallel intake from the same request won (and took its consultation): a conflict, not bad input.
            if (fromRequest is not null && await db.ServiceRequests.AsNoTracking().AnyAsync(r => r.Id == fromRequest.Id && r.State == ServiceRequestState.CaseOpened, ct))
            {
                return Outcome.Conflict<Opened>("该网上申请已接件建案，不能重复建案。");
            }

            return Outcome.From<Opened>(result);
        }

        if (fromRequest is not null)
        {
            fromRequest.CaseId = done.Case.Id;
            fromRequest.State = ServiceRequestState.CaseOpened;
            fromRequest.Version++;
        }

        if (visit is not null)
        {
            // The visit ends in this case, in the same save: a second intake for it loses on the visit's version.
            visit.Status = VisitStatus.Done;
            visit.CaseId = done.Case.Id;
            visit.ClosedAt = clock.GetUtcNow();
            visit.VisitorStaffId ??= actor.Id;
            visit.Version++;
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return new Opened(done.Case, IsNew: true);
        }
        catch (DbUpdateConcurrencyException) when (fromRequest is not null)
        {
            // Another window opened the request's case meanwhile: nothing of this intake was written.
            db.ChangeTracker.Clear();
            if (key is { } k && await RepeatedAsync(k, application!, actor, ct) is { } winner) return winner;
            return Outcome.Conflict<Opened>("该网上申请刚被他人接件建案，本次未建案，请刷新后查看。");
        }
        catch (DbUpdateConcurrencyException) when (visit is not null)
        {
            db.ChangeTracker.Clear();
            return Outcome.Conflict<Opened>("该上门预约刚被他人更新（可能已接件），本次接件未生效，请刷新后重试。");
        }
        catch (DbUpdateException) when (key is not null)
        {
            // Lost the race to a parallel submission with the same key: its insert won the case's primary key.
            db.ChangeTracker.Clear();
            if (await RepeatedAsync(key.Value, application!, actor, ct) is { } winner) return winner;
            throw;
        }
    }

    /// <summary>The case an earlier submission with this key opened, if any: the same application is answered with it.</summary>
    private async Task<Outcome<Opened>?> RepeatedAsync(Guid key, EngineOpenCase application, Actor actor, CancellationToken ct)
    {
        var existing = await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == key, ct);
        if (existing is null) return null;
        if (existing.IntakeCommunityId != actor.Posts.FirstOrDefault(p => p.Role == PostRole.WindowClerk)?.JurisdictionId)
        {
            return Outcome.Conflict<Opened>($"{IdempotencyKeyField} 已被其他窗口的接件使用。");
        }

        return IsSameApplication(existing, application)
            ? new Opened(existing, IsNew: false)
            : Outcome.Conflict<Opened>($"{IdempotencyKeyField} 已用于另一份申请（事项、身份证号或材料不同），未重复建案；新的申请请使用新的 {IdempotencyKeyField}。");
    }

    /// <summary>
    /// Same item, same applicant, same materials. Materials handed in only grow after intake (deferred ones move
    /// over when supplied), so a resend matches as long as no correction has added new ones — resends come within
    /// seconds of the original.
    /// </summary>
    private static bool IsSameApplication(Case existing, EngineOpenCase application)
    {
        var told = application.Materials.Concat(application.DeferredMaterials).ToHashSet(StringComparer.Ordinal);
        return existing.ItemCode == application.ItemCode
            && existing.ApplicantIdNumber == application.ApplicantIdNumber
            && application.Materials.All(existing.MaterialsHandedIn.Contains)
            && told.SetEquals(existing.MaterialsHandedIn.Concat(existing.DeferredMaterials));
    }

    private static EngineOpenCase? Read(Request r, DateOnly today, FieldErrors errors, out Guid? key)
    {
        key = null;
        if (r.IdempotencyKey is not null)
        {
            if (Guid.TryParse(r.IdempotencyKey, out var parsed) && parsed != Guid.Empty) key = parsed;
            else errors.Add(IdempotencyKeyField, $"{IdempotencyKeyField} 应为 GUID（每次接件生成一个，重发时不变）。");
        }

        var itemCode = errors.Required("itemCode", r.ItemCode, MaxItemCodeLength, "请选择事项。", oneLine: true);
        if (!TryReadEnum<CaseMode>(r.Mode, out var mode)) errors.Add("mode", "办理模式应为 OnlineEndToEnd（全程网办）、ProxyIntake（异地代收代办）或 MultiSite（多地联办）。");
        if (!PersonName.TryParse(r.Applicant?.Name, MaxNameLength, out var name, out var nameError)) errors.Add("applicant.name", nameError);
        if (!ChineseIdNumber.TryParse(r.Applicant?.IdNumber, out var idNumber, out var idError, today)) errors.Add("applicant.idNumber", idError);
        if (!PhoneNumber.TryParse(r.Applicant?.Phone, out var phone, out var phoneError)) errors.Add("applicant.phone", phoneError);
        var township = errors.Required("registrationTownshipId", r.RegistrationTownshipId, MaxTownshipIdLength, "请选择户籍乡镇。", oneLine: true);
        var materials = ReadCodes("materials", r.Materials, MaxMaterials, errors);
        if (r.Materials is null) errors.Add("materials", "请勾选收到的材料。");
        var deferred = ReadCodes("deferredMaterials", r.DeferredMaterials, MaxDeferredMaterials, errors);

        var channel = CaseChannel.Window;
        if (r.Channel is not null && !TryReadEnum(r.Channel, out channel)) errors.Add("channel", "受理渠道应为 Window（窗口）、DoorToDoor（上门代办）或 Online（网上办）。");
        var authorisation = ReadAuthorisation(r.Authorisation, channel, today, errors);
        if (channel == CaseChannel.DoorToDoor && r.Authorisation is null) errors.Add("authorisation", "上门代办须登记授权委托（代办人、委托事项、签署日期）。");
        if (errors.Any) return null;

        return new EngineOpenCase(itemCode!, mode, name!, idNumber!.Value, phone!.Value, township!, materials)
        {
            DeferredMaterials = deferred,
            PromiseWorkingDays = r.PromiseWorkingDays,
            Channel = channel,
            Authorisation = authorisation,
            ConsultationId = r.ConsultationId,
            NoticesOptedOut = r.NoticesOptOut == true,
            CaseId = key,
        };
    }

    /// <summary>Material codes as sent (the engine checks them against the item's list); bounded in count and length.</summary>
    private static List<string> ReadCodes(string field, IReadOnlyList<string?>? codes, int max, FieldErrors errors)
    {
        if (codes is null) return [];
        if (codes.Count > max)
        {
            errors.Add(field, $"材料最多 {max} 项。");
            return [];
        }

        for (var i = 0; i < codes.Count; i++)
        {
            if (codes[i] is { Length: > MaxMaterialCodeLength }) errors.Add($"{field}[{i}]", $"材料代码不超过{MaxMaterialCodeLength}个字符。");
        }

        return [.. codes.Select(c => c?.Trim() ?? "")];
    }

    private static Authorisation? ReadAuthorisation(AuthorisationRequest? a, CaseChannel caseChannel, DateOnly today, FieldErrors errors)
    {
        if (a is null) return null;
        var agent = errors.Required("authorisation.agent", a.Agent, MaxAgentLength, $"请填写代办人（不超过{MaxAgentLength}字）。", oneLine: true);
        var scope = errors.Required("authorisation.scope", a.Scope, MaxScopeLength, $"请填写委托事项范围（不超过{MaxScopeLength}字）。");
        if (a.SignedOn is null) errors.Add("authorisation.signedOn", "请填写授权委托书签署日期（yyyy-MM-dd）。");
        else if (a.SignedOn > today || a.SignedOn < EarliestSignedOn) errors.Add("authorisation.signedOn", $"授权委托书签署日期应在 {EarliestSignedOn:yyyy-MM-dd} 至今天之间。");
        var channel = caseChannel;
        if (a.Channel is not null && !TryReadEnum(a.Channel, out channel)) errors.Add("authorisation.channel", "授权渠道应为 Window、DoorToDoor 或 Online。");
        return agent is null || scope is null || a.SignedOn is null || errors.All.ContainsKey("authorisation.signedOn") ? null : new Authorisation(agent, scope, a.SignedOn.Value, channel);
    }

    /// <summary>A member's name exactly (numbers like "1" are not accepted for a name).</summary>
    private static bool TryReadEnum<T>(string? text, out T value)
        where T : struct, Enum =>
        Enum.TryParse(text, ignoreCase: false, out value) && Enum.IsDefined(value) && !int.TryParse(text, out _);
}
