using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Options;
using Tongban.Contracts;
using Tongban.Workflows.Catalog;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Clocks;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Messaging;
using Tongban.Workflows.Runtime.Organisation;
using Tongban.Workflows.Runtime.Persistence;
using Tongban.Workflows.Runtime.Telemetry;

namespace Tongban.Workflows.Runtime.Cases;

/// <summary>
/// The workflow runtime's one way to move a case: load its facts, decide (pure, <see cref="TransitionDecider"/>),
/// apply the effects to the case, append to the journal, and stage outgoing hand-offs and events in the outbox. It stages; the caller
/// commits with one SaveChanges, so the state change and its messages are one transaction.
/// </summary>
public sealed partial class CaseWorkflow(
    TongbanDbContext db, ItemVersionCache items, TimeProvider clock, CalendarProvider calendars, IOptions<TimeLimitOptions> limits, PostAssignmentCache postCache)
{
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

        var calendar = await calendars.GetAsync(db, ct);
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
            PromiseDueAt = request.DeferredMaterials.Count > 0
                ? calendar.AddWorkingDays(now, request.PromiseWorkingDays ?? limits.Value.DefaultPromiseWorkingDays).DueAt
                : null,
            Channel = request.Channel,
            NoticesOptedOut = request.NoticesOptedOut,
            // 首问负责: the staff member who first answered the resident, even if someone else takes it in.
            FirstContactStaffId = consultation?.StaffId ?? actor.Id,
            OpenedAt = now,
            UpdatedAt = now,
        };

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
        var @case = await CaseWithTimersAsync(caseId, ct);
        if (@case is null) return new WorkflowResult.NotFound();
        if (expectedVersion is { } expected && expected != @case.Version) return new WorkflowResult.Stale(expected, @case.Version);

        var item = await items.GetAsync(db, @case.ItemVersionId, ct);
        return await TransitionAsync(@case, item, action, actor, input, messageId, ct);
    }

    private async Task<WorkflowResult> TransitionAsync(Case @case, LoadedItemVersion item, CaseAction action, Actor actor, ActionInput input, Guid? messageId, CancellationToken ct)
    {
        var facts = @case.Facts(await PostsOfAsync(@case, ct));
        var outcome = TransitionDecider.Decide(facts, item.Definition, item.Spec, await ClockSettingsAsync(ct), action, actor, input, clock.GetUtcNow());
        if (outcome is not StepOutcome.Decided { Effects: var effects }) return Failure(outcome);
        if (action == CaseAction.ReturnForCorrection && await UseCorrectionApprovalAsync(@case, ct) is { } correctionRefusal)
        {
            return new WorkflowResult.Refused(RefusalKind.IllegalTransition, correctionRefusal);
        }

        using var activity = StartCaseActivity(@case, action);
        activity?.SetTag("tongban.case.id", @case.Id);
        activity?.SetTag("tongban.case.action", action.ToString());
        activity?.SetTag("tongban.case.item", @case.ItemCode);
        activity?.SetTag("tongban.jurisdiction", effects.AtPost.JurisdictionId);
        @case.JoinTrace(activity?.Id);

        var entry = await PersistAsync(@case, effects, actor, messageId, ct);
        await AdvanceAsync(@case, item, ct);
        return new WorkflowResult.Done(@case, entry);
    }

    /// <summary>
    /// Applies a step's effects to the case and stages everything else they name in the same unit of work: the
    /// journal entry, the audit line, notices, timers, supervision closed, rectification, the hand-off and the event.
    /// </summary>
    private async Task<CaseHistoryEntry> PersistAsync(Case @case, TransitionEffects effects, Actor actor, Guid? messageId, CancellationToken ct)
    {
        var now = effects.At;
        @case.Apply(effects);
        var entry = new CaseHistoryEntry
        {
            Id = Guid.CreateVersion7(now),
            CaseId = @case.Id,
            Sequence = @case.Version,
            Action = effects.Action,
            FromState = effects.FromState,
            ToState = effects.ToState,
            ActorId = actor.Id,
            ActorName = actor.DisplayName,
            PostId = effects.AtPost.PostId,
            ActingForId = effects.AtPost.ActingForId,
            JurisdictionId = effects.AtPost.JurisdictionId,
            At = now,
            Detail = JournalDetails.Write(effects.Detail),
            MessageId = messageId,
        };
        db.CaseHistory.Add(entry);
        Auditing.AuditTrail.Append(db, Auditing.AuditEntry.ForCase(now, actor.Id, $"case.{effects.Action}", @case.Id, detail: effects.AuditDetail));
        foreach (var notice in effects.Notices) Notify(@case, notice, now);
        var timers = await TimersOfAsync(@case, ct);
        // A supervision item (督办) is only ever opened together with its escalation timer: without one there is none to close.
        if (effects.ClosesSupervision is { } closing && timers.Any(t => t.Kind == TimerKind.Escalation)) await CloseSupervisionAsync(@case, closing, now, ct);
        TimerSchedule.Reschedule(db, @case.Id, timers, effects.Timers, now);
        if (effects.BadReviewLevel is { } level) await OpenRectificationAsync(@case, level, now, ct);

        if (effects.OpensTasks.Count > 0) OpenTasks(@case, effects.OpensTasks, effects.AtPost.JurisdictionId, effects.Action, entry.Id, now);
        if (effects.ClosedAt is not null) await CancelOpenTasksAsync(@case.Id, now, ct);

        if (effects.HandOff is { } handOff)
        {
            db.Send(QueueNames.For(handOff.Role.ToString(), handOff.JurisdictionId), new HandOffCase(
                @case.Id, entry.Id, @case.Number, effects.Action.ToString(), effects.AtPost.JurisdictionId, handOff.JurisdictionId, handOff.Role.ToString(), now), now);
        }

        return entry;
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
    private async Task CloseSupervisionAsync(Case c, SupervisionClosing closing, DateTimeOffset now, CancellationToken ct)
    {
        var open = await db.SupervisionItems.Where(s => s.CaseId == c.Id && s.ClosedAt == null).ToListAsync(ct);
        foreach (var item in open.Where(s => closing.All || s.Scope == closing.Stage))
        {
            item.ClosedAt = now;
        }
    }

    /// <summary>
    /// The case's timers as this unit of work has them: read once (none yet for a case being opened), with those an
    /// earlier step of the same unit (an automatic step's predecessor) added and without those it removed.
    /// </summary>
    private async Task<List<CaseTimer>> TimersOfAsync(Case c, CancellationToken ct)
    {
        // The tracker's detected state, not db.Entry(c): that compares every property of the case (its JSON lists too) again.
        if (!_timersTracked.Contains(c) && !db.ChangeTracker.Detected<Case>().Any(e => e.Entity == c && e.State == EntityState.Added))
        {
            await db.Timers.Where(t => t.CaseId == c.Id).LoadAsync(ct);
            _timersTracked.Add(c);
        }

        return [.. db.ChangeTracker.Detected<CaseTimer>().Where(e => e.Entity.CaseId == c.Id && e.State != EntityState.Deleted).Select(e => e.Entity)];
    }

    /// <summary>
    /// The case and its timers, tracked, in one round trip (a step needs both: one row per timer, the case's columns
    /// repeated; a case has a handful of timers). A tracker cleared since gives new case instances, so the set below
    /// never vouches for timers it no longer tracks.
    /// </summary>
    private async Task<Case?> CaseWithTimersAsync(Guid caseId, CancellationToken ct)
    {
        Case? found = null;
        await foreach (var row in CaseAndTimersOf(db.Model)(db, caseId).WithCancellation(ct)) found ??= row.Case;
        if (found is not null) _timersTracked.Add(found);
        return found;
    }

    /// <summary>
    /// Compiled once per model: every step runs this read, and as a LINQ query EF hashed its expression tree for the
    /// query cache and extracted its parameter each time (about 4 % of a node's CPU and 2 % of the gateway's,
    /// docs/benchmarks-history.md). Per model because a compiled query keeps the executor of the first context it ran on: a
    /// process with contexts of two providers (the tests) would send one's SQL to the other.
    /// </summary>
    private static Func<TongbanDbContext, Guid, IAsyncEnumerable<CaseAndTimer>> CaseAndTimersOf(IModel model) =>
        CaseAndTimersByModel.GetValue(model, static _ => EF.CompileAsyncQuery(
            (TongbanDbContext db, Guid caseId) =>
                from c in db.Cases.Where(c => c.Id == caseId)
                from t in db.Timers.Where(t => t.CaseId == c.Id).DefaultIfEmpty()
                select new CaseAndTimer(c, t)));

    private static readonly ConditionalWeakTable<IModel, Func<TongbanDbContext, Guid, IAsyncEnumerable<CaseAndTimer>>> CaseAndTimersByModel = new();

    private sealed record CaseAndTimer(Case Case, CaseTimer? Timer);

    /// <summary>Cases of this unit of work whose timers the tracker holds, read once.</summary>
    private readonly HashSet<Case> _timersTracked = new(ReferenceEqualityComparer.Instance);

    /// <summary>The posts of the case's two jurisdictions: the decider names the next holder among them.</summary>
    private Task<IReadOnlyList<CasePost>> PostsOfAsync(Case c, CancellationToken ct) => postCache.PostsOfAsync(db, c.IntakeCommunityId, c.RegistrationTownshipId, ct);

    private async Task<ClockSettings> ClockSettingsAsync(CancellationToken ct) => new(await calendars.GetAsync(db, ct), limits.Value.Thresholds);

    private static WorkflowResult Failure(StepOutcome outcome) => outcome switch
    {
        StepOutcome.Refused r => new WorkflowResult.Refused(r.Kind, r.Reason),
        StepOutcome.Invalid i => new WorkflowResult.Invalid(i.Errors),
        _ => throw new InvalidOperationException($"Not a failure: {outcome}"),
    };

    private void Notify(Case c, Notice notice, DateTimeOffset now) =>
        db.Notifications.Add(new Notification { Id = Guid.CreateVersion7(now), CaseId = c.Id, RecipientPostId = notice.PostId, RecipientStaffId = notice.StaffId, Kind = notice.Kind, Text = notice.Text, CreatedAt = now });

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

    /// <summary>The resident does not want milestone notices.</summary>
    public bool NoticesOptedOut { get; init; }

    /// <summary>
    /// The id the window chose for the case (its Idempotency-Key), so that a submission repeated after a lost
    /// answer finds the case it opened instead of opening a second one. A new time-ordered id when null.
    /// </summary>
    public Guid? CaseId { get; init; }
}

public sealed record Authorisation(string Agent, string Scope, DateOnly SignedOn, CaseChannel Channel);
