using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Definitions;
using Tongban.Gateway.Auth;
using Tongban.Gateway.Problems;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Catalog;
using Tongban.Workflows.Residents;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.Cases;

/// <summary>
/// POST /api/cases: 接件 at the intake window. Form check (required fields, materials against the item's list)
/// and identity check (GB 11643 check digit); the clerk becomes the first-contact person (首问责任人).
/// </summary>
public static class OpenCaseEndpoint
{
    public sealed record Request(string? ItemCode, string? Mode, ApplicantRequest? Applicant, string? RegistrationTownshipId, List<string>? Materials)
    {
        /// <summary>容缺受理: non-essential materials the applicant promises in writing to supply later.</summary>
        public List<string>? DeferredMaterials { get; init; }

        /// <summary>Working days to supply them (county default when omitted).</summary>
        public int? PromiseWorkingDays { get; init; }

        /// <summary>Window (default), DoorToDoor (上门代办) or Online (网上办, staff call-back).</summary>
        public string? Channel { get; init; }

        /// <summary>授权委托 for 帮办代办; required for DoorToDoor.</summary>
        public AuthorisationRequest? Authorisation { get; init; }

        /// <summary>The consultation this application follows: its staff member is the first-contact person.</summary>
        public Guid? ConsultationId { get; init; }
    }

    /// <summary>Who applies on the resident's behalf (staff login or grid worker's name), for what, signed on which day, through which channel (default: the case's).</summary>
    public sealed record AuthorisationRequest(string? Agent, string? Scope, DateOnly? SignedOn, string? Channel);

    public sealed record ApplicantRequest(string? Name, string? IdNumber, string? Phone);

    public static void MapOpenCase(this RouteGroupBuilder api) =>
        api.MapPost("/cases", HandleAsync)
            .WithTags("Cases")
            .WithSummary("Intake (接件): open a case at the caller's community window.")
            .Produces<CaseView>(StatusCodes.Status201Created)
            .Produces<CaseView>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

    private static async Task<IResult> HandleAsync(Request request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, StaffActors staff, CaseWorkflow workflow, TongbanDbContext db, ItemVersionCache items, CalendarProvider calendars, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.ItemCode)) errors["itemCode"] = ["请选择事项。"];
        if (!Enum.TryParse<CaseMode>(request.Mode, ignoreCase: false, out var mode) || !Enum.IsDefined(mode)) errors["mode"] = ["办理模式应为 OnlineEndToEnd（全程网办）、ProxyIntake（异地代收代办）或 MultiSite（多地联办）。"];
        var name = request.Applicant?.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 50) errors["applicant.name"] = ["请填写申请人姓名（不超过50字）。"];
        if (!ChineseIdNumber.TryParse(request.Applicant?.IdNumber, out var idNumber, out var idError)) errors["applicant.idNumber"] = [idError];
        if (!PhoneNumber.TryParse(request.Applicant?.Phone, out var phone, out var phoneError)) errors["applicant.phone"] = [phoneError];
        if (string.IsNullOrWhiteSpace(request.RegistrationTownshipId)) errors["registrationTownshipId"] = ["请选择户籍乡镇。"];
        if (request.Materials is null) errors["materials"] = ["请勾选收到的材料。"];
        var channel = CaseChannel.Window;
        if (request.Channel is not null && (!Enum.TryParse(request.Channel, out channel) || !Enum.IsDefined(channel))) errors["channel"] = ["受理渠道应为 Window（窗口）、DoorToDoor（上门代办）或 Online（网上办）。"];
        var authorisation = ReadAuthorisation(request.Authorisation, channel, errors);
        if (channel == CaseChannel.DoorToDoor && request.Authorisation is null) errors["authorisation"] = ["上门代办须登记授权委托（代办人、委托事项、签署日期）。"];
        Guid? caseId = null;
        if (idempotencyKey is not null)
        {
            if (Guid.TryParse(idempotencyKey, out var key) && key != Guid.Empty) caseId = key;
            else errors["Idempotency-Key"] = ["Idempotency-Key 应为 GUID（每次接件生成一个，重发时不变）。"];
        }

        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "输入有误");

        var actor = await staff.CurrentAsync(ct);
        if (caseId is { } existingId && await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == existingId, ct) is { } existing)
        {
            // The same submission again (its answer was lost): the case it opened, not a second case.
            return existing.IntakeCommunityId == actor.Posts.FirstOrDefault(p => p.Role == PostRole.WindowClerk)?.JurisdictionId
                ? TypedResults.Ok(await CaseView.LoadAsync(db, items, calendars, clock.GetUtcNow(), existing, withHistory: true, ct))
                : TypedResults.Problem(CaseProblems.Conflict("Idempotency-Key 已被其他窗口的接件使用。"));
        }

        var result = await workflow.OpenAsync(
            new OpenCase(request.ItemCode!, mode, name!, idNumber!.Value, phone!.Value, request.RegistrationTownshipId!, request.Materials!)
            {
                DeferredMaterials = request.DeferredMaterials ?? [],
                PromiseWorkingDays = request.PromiseWorkingDays,
                Channel = channel,
                Authorisation = authorisation,
                ConsultationId = request.ConsultationId,
                CaseId = caseId,
            },
            actor,
            ct);
        if (result is not WorkflowResult.Done done) return result.ToHttp();

        await db.SaveChangesAsync(ct);
        var view = await CaseView.LoadAsync(db, items, calendars, clock.GetUtcNow(), done.Case, withHistory: true, ct);
        return TypedResults.Created($"/api/cases/{done.Case.Id}", view);
    }

    private static Authorisation? ReadAuthorisation(AuthorisationRequest? a, CaseChannel caseChannel, Dictionary<string, string[]> errors)
    {
        if (a is null) return null;
        var before = errors.Count;
        if (string.IsNullOrWhiteSpace(a.Agent) || a.Agent.Length > 100) errors["authorisation.agent"] = ["请填写代办人（不超过100字）。"];
        if (string.IsNullOrWhiteSpace(a.Scope) || a.Scope.Length > 500) errors["authorisation.scope"] = ["请填写委托事项范围（不超过500字）。"];
        if (a.SignedOn is null) errors["authorisation.signedOn"] = ["请填写授权委托书签署日期（yyyy-MM-dd）。"];
        var channel = caseChannel;
        if (a.Channel is not null && (!Enum.TryParse(a.Channel, out channel) || !Enum.IsDefined(channel))) errors["authorisation.channel"] = ["授权渠道应为 Window、DoorToDoor 或 Online。"];
        return errors.Count > before ? null : new Authorisation(a.Agent!.Trim(), a.Scope!.Trim(), a.SignedOn!.Value, channel);
    }
}
