using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tongban.Contracts;
using Tongban.Workflows.Catalog;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Messaging;
using Tongban.Workflows.Runtime.Persistence;
using Tongban.Workflows.Runtime.Telemetry;

namespace Tongban.Workflows.Runtime.Cases;

/// <summary>
/// The workflow runtime's one way to move a case: decide (pure, <see cref="CaseRoute"/>), apply the action's
/// effect, append to the journal, and stage outgoing hand-offs and events in the outbox. It stages; the caller
/// commits with one SaveChanges, so the state change and its messages are one transaction.
/// </summary>
public sealed partial class CaseWorkflow(TongbanDbContext db, ItemVersionCache items, TimeProvider clock, CalendarProvider calendars, IOptions<TimeLimitOptions> limits)
{
    private static readonly JsonSerializerOptions Json = Tongban.Workflows.Catalog.CatalogFile.Json;

    public async Task<WorkflowResult> OpenAsync(OpenCase request, Actor actor, CancellationToken ct)
    {
        var item = await items.GetCurrentAsync(db, request.ItemCode, ct);
        if (item is null) return Invalid("itemCode", $"事项「{request.ItemCode}」不在事项清单中。");
        if (!item.Spec.Modes.Contains(request.Mode)) return Invalid("mode", $"事项「{item.Spec.Name}」不支持该办理模式。");

        var materialErrors = MaterialCodes.Check("materials", request.Materials, item.Spec, requireAny: false);
        var missingEssential = item.Spec.Materials.Where(m => m.Essential && !request.Materials.Contains(m.Code)).Select(m => m.Name).ToList();
        if (missingEssential.Count > 0) materialErrors["materials"] = [$"缺少必要材料：{string.Join("、", missingEssential)}。"];
        foreach (var (code, i) in request.DeferredMaterials.Select((code, i) => (code, i)))
        {
            // 容缺受理 defers only non-essential materials that were not handed in.
            var material = item.Spec.Materials.FirstOrDefault(m => m.Code == code);
            if (material is null || material.Essential || request.Materials.Contains(code)) materialErrors[$"deferredMaterials[{i}]"] = [$"「{code}」不能容缺：只有未收到的非必要材料可以容后补交。"];
        }

        if (request.PromiseWorkingDays is < 1 or > 60) materialErrors["promiseWorkingDays"] = ["容缺补交期限应为 1 至 60 个工作日。"];
        if (materialErrors.Count > 0) return new WorkflowResult.Invalid(materialErrors);

        var township = await db.Jurisdictions.AsNoTracking().SingleOrDefaultAsync(j => j.Id == request.RegistrationTownshipId, ct);
        if (township?.Kind != Organisation.JurisdictionKind.Township) return Invalid("registrationTownshipId", "户籍乡镇不存在。");

        var window = actor.Posts.FirstOrDefault(p => p.Role == PostRole.WindowClerk);
        if (window is null) return new WorkflowResult.Refused(RefusalKind.NotYourPost, "只有社区综合窗口人员可以接件。");

        var now = clock.GetUtcNow();
        var consultation = request.ConsultationId is { } cid ? await db.Consultations.SingleOrDefaultAsync(x => x.Id == cid, ct) : null;
        if (request.ConsultationId is not null && (consultation is null || consultation.CaseId is not null || consultation.ItemCode != item.Spec.Code))
        {
            return Invalid("consultationId", "咨询记录不存在、已关联其他案件或事项不一致。");
        }

        var @case = new Case
        {
            Id = request.CaseId ?? Guid.CreateVersion7(now),
            // 40 random bits: a county's busiest day stays far from a collision on the unique number (24 bits collided
            // once in a few hundred cases a day; the load runs take in thousands).
            Number = $"QS{now:yyyyMMdd}-{Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(5))}",
            ItemVersionId = item.Id,
            ItemCode = item.Spec.Code,
            ItemVersion = item.Version,
            DefinitionId = item.Definition.Id,
            State = CaseStates.None,
            Mode = request.Mode,
            IntakeCommunityId = window.JurisdictionId,
            RegistrationTownshipId = township.Id,
            ApplicantName = request.ApplicantName,
            ApplicantIdNumber = request.ApplicantIdNumber,
            ApplicantPhone = request.ApplicantPhone,
            MaterialsHandedIn = [.. request.Materials],
            DeferredMaterials = [.. request.DeferredMaterials],
            Channel = request.Channel,
            // 首问负责: the staff member who first answered the resident, even if someone else takes it in.
            FirstContactStaffId = consultation?.StaffId ?? actor.Id,
            OpenedAt = now,
            UpdatedAt = now,
        };
        if (@case.DeferredMaterials.Count > 0)
        {
            var calendar = await calendars.GetAsync(db, ct);
            @case.PromiseDueAt = calendar.AddWorkingDays(now, request.PromiseWorkingDays ?? limits.Value.DefaultPromiseWorkingDays).DueAt;
        }

        db.Cases.Add(@case);
        if (consultation is not null) consultation.CaseId = @case.Id;
        if (request.Authorisation is { } a)
        {
            db.CaseAuthorisations.Add(new CaseAuthorisation { CaseId = @case.Id, Agent = a.Agent, Scope = a.Scope, SignedOn = a.SignedOn, Channel = a.Channel, RecordedBy = actor.Id, RecordedAt = now });
        }

        return await TransitionAsync(@case, item, CaseAction.Intake, actor, ActionInput.None.Instance, messageId: null, ct);
    }

    public async Task<WorkflowResult> ApplyAsync(Guid caseId, CaseAction action, Actor actor, ActionInput input, int? expectedVersion, CancellationToken ct, Guid? messageId = null)
    {
        var @case = await db.Cases.SingleOrDefaultAsync(c => c.Id == caseId, ct);
        if (@case is null) return new WorkflowResult.NotFound();
        if (expectedVersion is { } expected && expected != @case.Version) return new WorkflowResult.Stale(expected, @case.Version);

        var item = await items.GetAsync(db, @case.ItemVersionId, ct);
        return await TransitionAsync(@case, item, action, actor, input, messageId, ct);
    }

    private async Task<WorkflowResult> TransitionAsync(Case @case, LoadedItemVersion item, CaseAction action, Actor actor, ActionInput input, Guid? messageId, CancellationToken ct)
    {
        // B acts while A is present only on cases that went to B for A's silence (AB 双岗).
        actor = Posts.PostHolding.ForCase(actor, @case.EscalatedToBackup ? @case.CurrentPostId : null);
        var decision = CaseRoute.Decide(item.Definition, @case.State, @case.Location, action, actor);
        if (decision is TransitionDecision.Refused refused) return new WorkflowResult.Refused(refused.Kind, refused.Reason);
        var (transition, post) = (TransitionDecision.Allowed)decision;

        var errors = input.Validate(item.Spec);
        if (errors.Count > 0) return new WorkflowResult.Invalid(errors);
        if (action == CaseAction.ReturnForCorrection && await UseCorrectionApprovalAsync(@case, ct) is { } correctionRefusal)
        {
            return new WorkflowResult.Refused(RefusalKind.IllegalTransition, correctionRefusal);
        }

        using var activity = StartCaseActivity(@case, action);
        activity?.SetTag("tongban.case.id", @case.Id);
        activity?.SetTag("tongban.case.action", action.ToString());
        activity?.SetTag("tongban.case.item", @case.ItemCode);
        activity?.SetTag("tongban.jurisdiction", post.JurisdictionId);

        @case.TraceParent ??= activity?.Id;

        var now = clock.GetUtcNow();
        var from = @case.State;
        var stageBefore = @case.Stage;
        CaseEffects.Apply(@case, input);
        @case.State = transition.To;
        @case.Version++;
        @case.UpdatedAt = now;
        var postBefore = @case.CurrentPostId;
        @case.CurrentPostId = await HolderPostAsync(item.Definition.State(transition.To).HeldBy, @case, ct);
        if (@case.CurrentPostId != postBefore) @case.EscalatedToBackup = false;
        if (item.Definition.State(transition.To).IsFinal) @case.ClosedAt = now;

        var calendar = await calendars.GetAsync(db, ct);
        CaseClocks.OnTransition(@case, action, item.Spec, calendar, limits.Value.Thresholds, now);
        await CloseFinishedSupervisionAsync(@case, stageBefore, now, ct);
        await TimerSchedule.RescheduleAsync(db, @case, now, ct);

        var entry = new CaseHistoryEntry
        {
            Id = Guid.CreateVersion7(now),
            CaseId = @case.Id,
            Sequence = @case.Version,
            Action = action,
            FromState = from,
            ToState = transition.To,
            ActorId = actor.Id,
            ActorName = actor.DisplayName,
            PostId = post.PostId,
            ActingForId = post.ActingForId,
            JurisdictionId = post.JurisdictionId,
            At = now,
            Detail = input is ActionInput.None ? null : JsonSerializer.Serialize<object>(input, Json),
            MessageId = messageId,
        };
        db.CaseHistory.Add(entry);
        Auditing.AuditTrail.Append(db, Auditing.AuditEntry.ForCase(now, actor.Id, $"case.{action}", @case.Id, detail: $"{from} -> {transition.To} at {post.PostId}{(post.AsBackup ? " as B" : "")}{(post.ActingForId is { } forId ? $" for {forId}" : "")}"));
        await OnMilestoneAsync(@case, action, input, now, ct);

        if (transition.HandOffTo is { } to)
        {
            var toJurisdiction = @case.Location.JurisdictionFor(to);
            db.Send(QueueNames.For(to.ToString(), toJurisdiction), new HandOffCase(
                @case.Id, entry.Id, @case.Number, action.ToString(), post.JurisdictionId, toJurisdiction, to.ToString(), now), now);
        }

        return new WorkflowResult.Done(@case, entry);
    }

    /// <summary>
    /// Starts the transition's span inside the case's trace. When the ambient span (a consumed hand-off) is
    /// already in that trace it stays the parent; otherwise (a new HTTP request) the case's trace is the parent
    /// and the request is linked.
    /// </summary>
    private static Activity? StartCaseActivity(Case @case, CaseAction action)
    {
        var name = $"case {action}";
        var ambient = Activity.Current;
        if (@case.TraceParent is null || !ActivityContext.TryParse(@case.TraceParent, null, out var caseContext) || ambient?.TraceId == caseContext.TraceId)
        {
            return TongbanTelemetry.Source.StartActivity(name);
        }

        ActivityLink[]? links = ambient is null ? null : [new ActivityLink(ambient.Context)];
        return TongbanTelemetry.Source.StartActivity(name, ActivityKind.Internal, caseContext, links: links);
    }

    /// <summary>A supervision item is closed when the work it is about is done: its stage left, or the case decided.</summary>
    private async Task CloseFinishedSupervisionAsync(Case c, string? stageBefore, DateTimeOffset now, CancellationToken ct)
    {
        if (c.Stage == stageBefore && c.CompletedAt is null) return;
        var open = await db.SupervisionItems.Where(s => s.CaseId == c.Id && s.ClosedAt == null).ToListAsync(ct);
        foreach (var item in open.Where(s => c.CompletedAt is not null || s.Scope == stageBefore))
        {
            item.ClosedAt = now;
        }
    }

    private async Task<string?> HolderPostAsync(PostRole? role, Case @case, CancellationToken ct)
    {
        if (role is not { } r) return null;
        var jurisdiction = @case.Location.JurisdictionFor(r);
        return await db.Posts.Where(p => p.JurisdictionId == jurisdiction && p.Role == r).Select(p => p.Id).FirstOrDefaultAsync(ct);
    }

    private static WorkflowResult.Invalid Invalid(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>What a case is opened with at intake (接件). Personal fields are already validated and normalised.</summary>
public sealed record OpenCase(
    string ItemCode,
    CaseMode Mode,
    string ApplicantName,
    string ApplicantIdNumber,
    string ApplicantPhone,
    string RegistrationTownshipId,
    IReadOnlyList<string> Materials)
{
    /// <summary>容缺受理: non-essential materials not handed in, promised in writing.</summary>
    public IReadOnlyList<string> DeferredMaterials { get; init; } = [];

    /// <summary>Working days the applicant has to supply them; the county default when null.</summary>
    public int? PromiseWorkingDays { get; init; }

    public CaseChannel Channel { get; init; } = CaseChannel.Window;

    /// <summary>授权委托 for 帮办代办, when someone applies on the resident's behalf.</summary>
    public Authorisation? Authorisation { get; init; }

    /// <summary>The consultation this case came from: its staff member is the first-contact person.</summary>
    public Guid? ConsultationId { get; init; }

    /// <summary>
    /// The id the window chose for the case (its Idempotency-Key), so that a submission repeated after a lost
    /// answer finds the case it opened instead of opening a second one. A new time-ordered id when null.
    /// </summary>
    public Guid? CaseId { get; init; }
}

public sealed record Authorisation(string Agent, string Scope, DateOnly SignedOn, CaseChannel Channel);
