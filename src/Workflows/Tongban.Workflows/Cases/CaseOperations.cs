using Tongban.Workflows.Catalog;
using Tongban.Workflows.Clocks;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Posts;

namespace Tongban.Workflows.Cases;

/// <summary>
/// Steps that do not move a case along the route but change its clocks or materials: 容缺 materials supplied,
/// 中止/恢复计时 for special procedures, 延期 requested and decided. Decided from facts like route steps and
/// journalled like them (same state before and after). Pure.
/// </summary>
public static class CaseOperations
{
    /// <summary>容缺受理: the window hands in materials the applicant had promised; when all are in, the promise ends.</summary>
    public static StepOutcome SupplyMaterials(CaseFacts facts, Actor actor, IReadOnlyList<string> materials, DateTimeOffset now)
    {
        var post = actor.Posts.FirstOrDefault(p => p.Role == PostRole.WindowClerk && p.JurisdictionId == facts.Location.IntakeCommunityId);
        if (post is null) return StepOutcome.Refuse(RefusalKind.NotYourPost, "容缺材料由受理窗口补收。");
        if (materials.Count == 0) return StepOutcome.InvalidField("materials", "请勾选补交的材料。");
        var notDeferred = materials.Where(m => !facts.Record.DeferredMaterials.Contains(m)).ToList();
        if (notDeferred.Count > 0) return StepOutcome.InvalidField("materials", $"「{string.Join("、", notDeferred)}」不是本案容缺待补的材料。");

        var deferred = facts.Record.DeferredMaterials.Except(materials).ToList();
        var record = facts.Record with
        {
            DeferredMaterials = deferred,
            MaterialsHandedIn = [.. facts.Record.MaterialsHandedIn.Union(materials)],
            PromiseDueAt = deferred.Count == 0 ? null : facts.Record.PromiseDueAt,
        };
        return Operation(facts, CaseAction.SupplyMaterials, post, facts.Clock, record, new MaterialsSuppliedDetail(materials), now);
    }

    /// <summary>中止计时 for a special procedure; the applicant side is told.</summary>
    public static StepOutcome StopClock(CaseFacts facts, Actor actor, SpecialProcedure procedure, string reason, ClockSettings clocks, DateTimeOffset now)
    {
        if (HolderPost(facts, actor) is not { } post) return StepOutcome.Refuse(RefusalKind.NotYourPost, "只有当前办理岗位可以中止计时。");
        if (facts.Clock.CompletedAt is not null || facts.Clock.StoppedAt is not null) return StepOutcome.Refuse(RefusalKind.IllegalTransition, "案件已办结或计时已中止。");

        var stop = ClockStops.For(procedure);
        var clock = facts.Clock.Stop(stop, clocks.Calendar, now);
        return Operation(facts, CaseAction.StopClock, post, clock, facts.Record, new ClockStoppedDetail(procedure, reason), now,
            ApplicantSide(facts, "clock-stopped", $"案件 {facts.Number} 因{ClockStops.Label(stop)}中止计时（{reason}），请告知申请人。"));
    }

    /// <summary>恢复计时 after a special procedure. (After 补正 the clock resumes with the resubmission, not here.)</summary>
    public static StepOutcome ResumeClock(CaseFacts facts, Actor actor, ServiceItemSpec item, ClockSettings clocks, DateTimeOffset now)
    {
        if (HolderPost(facts, actor) is not { } post) return StepOutcome.Refuse(RefusalKind.NotYourPost, "只有当前办理岗位可以恢复计时。");
        if (facts.Clock.StoppedFor is not { } stopped || !stopped.IsSpecialProcedure()) return StepOutcome.Refuse(RefusalKind.IllegalTransition, "计时未因特别程序中止。");

        var clock = facts.Clock.Resume(item, clocks.Calendar, clocks.Thresholds, now);
        return Operation(facts, CaseAction.ResumeClock, post, clock, facts.Record, new ClockResumedDetail(stopped), now);
    }

    /// <summary>
    /// 延期申请 by the holder, with the reason the applicant will be told; the head of the holder's unit decides.
    /// Asked for after expiry it is marked so: the case still counts as overdue.
    /// </summary>
    public static StepOutcome RequestExtension(CaseFacts facts, Actor actor, int workingDays, string reason, bool anotherPending, string unitHeadId, DateTimeOffset now)
    {
        if (HolderPost(facts, actor) is not { } post) return StepOutcome.Refuse(RefusalKind.NotYourPost, "只有当前办理岗位可以申请延期。");
        if (facts.Clock.CompletedAt is not null) return StepOutcome.Refuse(RefusalKind.IllegalTransition, "案件已办结，不能申请延期。");
        if (anotherPending) return StepOutcome.Refuse(RefusalKind.IllegalTransition, "已有待审批的延期申请。");

        var outcome = Operation(facts, CaseAction.RequestExtension, post, facts.Clock, facts.Record, new ExtensionRequestedDetail(workingDays, reason), now,
            new Notice(null, unitHeadId, "extension-requested", $"案件 {facts.Number} 申请延期 {workingDays} 个工作日，请审批。"));
        return new StepOutcome.Decided(outcome.Effects with
        {
            RequestsExtension = new ExtensionAsked(workingDays, reason, post.PostId, AfterExpiry: facts.OverdueAt is not null || now > facts.Clock.OverallDueAt),
        });
    }

    /// <summary>延期审批 by the unit head of the requesting post. Approval moves the deadline; the overdue record stays.</summary>
    public static StepOutcome DecideExtension(CaseFacts facts, PendingExtension request, Actor actor, bool approve, string? note, ClockSettings clocks, DateTimeOffset now)
    {
        if (request.UnitHeadId != actor.Id) return StepOutcome.Refuse(RefusalKind.NotYourPost, "延期须由该岗位所在单位负责人审批。");
        if (!request.IsPending) return StepOutcome.Refuse(RefusalKind.IllegalTransition, "该延期申请已审批。");

        var clock = approve ? facts.Clock.Extend(request.WorkingDays, clocks.Calendar, clocks.Thresholds) : facts.Clock;
        var outcome = approve ? $"已批准延期 {request.WorkingDays} 个工作日，理由：{request.Reason}" : "延期申请未获批准";
        List<Notice> notices = [new(request.Post.Id, null, "extension-decided", $"案件 {facts.Number} {outcome}。")];
        if (approve) notices.Add(ApplicantSide(facts, "extension-approved", $"案件 {facts.Number} {outcome}，请告知申请人。"));
        var at = new PostAssignment(request.Post.Id, request.Post.JurisdictionId, request.Post.Role);
        return Operation(facts, CaseAction.DecideExtension, at, clock, facts.Record, new ExtensionDecidedDetail(request.Id, approve, note), now, [.. notices]);
    }

    /// <summary>The post the actor holds the case at, if they hold it (B only where it went to B).</summary>
    private static PostAssignment? HolderPost(CaseFacts facts, Actor actor) =>
        PostHolding.ForCase(actor, facts.EscalatedToBackup ? facts.CurrentPostId : null).Posts.FirstOrDefault(p => p.PostId == facts.CurrentPostId);

    /// <summary>The applicant is told through the first-contact person.</summary>
    private static Notice ApplicantSide(CaseFacts facts, string kind, string text) => new(null, facts.FirstContactStaffId, kind, text);

    private static StepOutcome.Decided Operation(CaseFacts facts, CaseAction action, PostAssignment post, CaseClock clock, CaseRecord record, JournalDetail detail, DateTimeOffset now, params Notice[] notices) =>
        new(new TransitionEffects
        {
            Action = action,
            FromState = facts.State,
            ToState = facts.State,
            AtPost = post,
            HolderPostId = facts.CurrentPostId,
            EscalatedToBackup = facts.EscalatedToBackup,
            Clock = clock,
            Record = record,
            Timers = DeadlineTimers.For(clock, record),
            Detail = detail,
            AuditDetail = $"{facts.State} at {post.PostId}",
            Notices = notices,
            At = now,
        });
}

/// <summary>An extension request waiting for its unit head, as the decider needs it.</summary>
public sealed record PendingExtension(Guid Id, int WorkingDays, string Reason, bool IsPending, CasePost Post, string UnitHeadId);

/// <summary>延期申请: the request row the step opens.</summary>
public sealed record ExtensionAsked(int WorkingDays, string Reason, string PostId, bool AfterExpiry);
