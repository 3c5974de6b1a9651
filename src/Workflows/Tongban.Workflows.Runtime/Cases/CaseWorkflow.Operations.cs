using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Clocks;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.Clocks;

namespace Tongban.Workflows.Runtime.Cases;

/// <summary>
/// Operations on a case that do not move it along the route: they change its clocks or materials and are
/// journalled like transitions (same state before and after), in the same unit of work as their effects.
/// </summary>
public sealed partial class CaseWorkflow
{
    /// <summary>容缺受理: the window hands in materials the applicant had promised; when all are in, the promise timer goes.</summary>
    public Task<WorkflowResult> SupplyMaterialsAsync(Guid caseId, Actor actor, IReadOnlyList<string> materials, CancellationToken ct) =>
        OperateAsync(caseId, CaseAction.SupplyMaterials, actor, ct, (c, now) =>
        {
            var post = actor.Posts.FirstOrDefault(p => p.Role == PostRole.WindowClerk && p.JurisdictionId == c.IntakeCommunityId);
            if (post is null) return Refuse(RefusalKind.NotYourPost, "容缺材料由受理窗口补收。");
            if (materials.Count == 0) return InvalidOperation("materials", "请勾选补交的材料。");
            var notDeferred = materials.Where(m => !c.DeferredMaterials.Contains(m)).ToList();
            if (notDeferred.Count > 0) return InvalidOperation("materials", $"「{string.Join("、", notDeferred)}」不是本案容缺待补的材料。");

            c.DeferredMaterials = [.. c.DeferredMaterials.Except(materials)];
            c.MaterialsHandedIn = [.. c.MaterialsHandedIn.Union(materials)];
            if (c.DeferredMaterials.Count == 0) c.PromiseDueAt = null;
            return Ok(post, new { materials });
        });

    /// <summary>中止计时 for a special procedure; the applicant side is told.</summary>
    public Task<WorkflowResult> StopClockAsync(Guid caseId, Actor actor, SpecialProcedure procedure, string reason, CancellationToken ct) =>
        OperateAsync(caseId, CaseAction.StopClock, actor, ct, async (c, now) =>
        {
            if (HolderPost(actor, c) is not { } post) return Refuse(RefusalKind.NotYourPost, "只有当前办理岗位可以中止计时。");
            if (c.CompletedAt is not null || c.ClockStoppedAt is not null) return Refuse(RefusalKind.IllegalTransition, "案件已办结或计时已中止。");

            var calendar = await calendars.GetAsync(db, ct);
            CaseClocks.Stop(c, calendar, now, SpecialProcedures.Label(procedure));
            NotifyApplicantSide(c, "clock-stopped", $"案件 {c.Number} 因{SpecialProcedures.Label(procedure)}中止计时（{reason}），请告知申请人。", now);
            return Ok(post, new { procedure = procedure.ToString(), reason });
        });

    /// <summary>恢复计时 after a special procedure. (After 补正 the clock resumes with the resubmission.)</summary>
    public Task<WorkflowResult> ResumeClockAsync(Guid caseId, Actor actor, CancellationToken ct) =>
        OperateAsync(caseId, CaseAction.ResumeClock, actor, ct, async (c, now) =>
        {
            if (HolderPost(actor, c) is not { } post) return Refuse(RefusalKind.NotYourPost, "只有当前办理岗位可以恢复计时。");
            if (c.ClockStoppedAt is null || c.ClockStopReason == "补正") return Refuse(RefusalKind.IllegalTransition, "计时未因特别程序中止。");

            var item = await items.GetAsync(db, c.ItemVersionId, ct);
            CaseClocks.Resume(c, item.Spec, await calendars.GetAsync(db, ct), limits.Value.Thresholds, now);
            return Ok(post, null);
        });

    /// <summary>延期申请 by the holder, with the reason the applicant will be told; the unit head decides.</summary>
    public Task<WorkflowResult> RequestExtensionAsync(Guid caseId, Actor actor, int workingDays, string reason, CancellationToken ct) =>
        OperateAsync(caseId, CaseAction.RequestExtension, actor, ct, async (c, now) =>
        {
            if (HolderPost(actor, c) is not { } post) return Refuse(RefusalKind.NotYourPost, "只有当前办理岗位可以申请延期。");
            if (c.CompletedAt is not null) return Refuse(RefusalKind.IllegalTransition, "案件已办结，不能申请延期。");
            if (await db.ExtensionRequests.AnyAsync(e => e.CaseId == c.Id && e.Status == ExtensionStatus.Pending, ct)) return Refuse(RefusalKind.IllegalTransition, "已有待审批的延期申请。");

            var head = await db.Posts.Where(p => p.Id == post.PostId).Select(p => p.UnitHeadId).SingleAsync(ct);
            db.ExtensionRequests.Add(new ExtensionRequest
            {
                Id = Guid.CreateVersion7(now), CaseId = c.Id, WorkingDays = workingDays, Reason = reason, RequestedBy = actor.Id, PostId = post.PostId,
                RequestedAt = now, RequestedAfterExpiry = c.OverdueAt is not null || now > c.OverallDueAt, Status = ExtensionStatus.Pending,
            });
            Notify(c, null, head, "extension-requested", $"案件 {c.Number} 申请延期 {workingDays} 个工作日，请审批。", now);
            return Ok(post, new { workingDays, reason });
        });

    /// <summary>延期审批 by the unit head of the requesting post. Approval moves the deadline; the overdue record stays.</summary>
    public Task<WorkflowResult> DecideExtensionAsync(Guid caseId, Guid requestId, Actor actor, bool approve, string? note, CancellationToken ct) =>
        OperateAsync(caseId, CaseAction.DecideExtension, actor, ct, async (c, now) =>
        {
            var request = await db.ExtensionRequests.SingleOrDefaultAsync(e => e.Id == requestId && e.CaseId == c.Id, ct);
            if (request is null) return new Operation(null, null, new WorkflowResult.NotFound());
            var post = await db.Posts.AsNoTracking().SingleAsync(p => p.Id == request.PostId, ct);
            if (post.UnitHeadId != actor.Id) return Refuse(RefusalKind.NotYourPost, "延期须由该岗位所在单位负责人审批。");
            if (request.Status != ExtensionStatus.Pending) return Refuse(RefusalKind.IllegalTransition, "该延期申请已审批。");

            request.Status = approve ? ExtensionStatus.Approved : ExtensionStatus.Refused;
            request.DecidedBy = actor.Id;
            request.DecidedAt = now;
            request.DecisionNote = note;
            if (approve) CaseClocks.Extend(c, request.WorkingDays, await calendars.GetAsync(db, ct), limits.Value.Thresholds);

            var outcome = approve ? $"已批准延期 {request.WorkingDays} 个工作日，理由：{request.Reason}" : "延期申请未获批准";
            Notify(c, request.PostId, null, "extension-decided", $"案件 {c.Number} {outcome}。", now);
            if (approve) NotifyApplicantSide(c, "extension-approved", $"案件 {c.Number} {outcome}，请告知申请人。", now);
            return Ok(new PostAssignment(post.Id, post.JurisdictionId, post.Role), new { requestId, approve, note });
        });

    private sealed record Operation(PostAssignment? Post, object? Detail, WorkflowResult? Failure);

    private static Operation Ok(PostAssignment post, object? detail) => new(post, detail, null);

    private static Operation Refuse(RefusalKind kind, string reason) => new(null, null, new WorkflowResult.Refused(kind, reason));

    private static Operation InvalidOperation(string field, string message) =>
        new(null, null, new WorkflowResult.Invalid(new Dictionary<string, string[]> { [field] = [message] }));

    private static PostAssignment? HolderPost(Actor actor, Case c) =>
        Tongban.Workflows.Posts.PostHolding.ForCase(actor, c.EscalatedToBackup ? c.CurrentPostId : null).Posts.FirstOrDefault(p => p.PostId == c.CurrentPostId);

    private Task<WorkflowResult> OperateAsync(Guid caseId, CaseAction action, Actor actor, CancellationToken ct, Func<Case, DateTimeOffset, Operation> apply) =>
        OperateAsync(caseId, action, actor, ct, (c, now) => Task.FromResult(apply(c, now)));

    private async Task<WorkflowResult> OperateAsync(Guid caseId, CaseAction action, Actor actor, CancellationToken ct, Func<Case, DateTimeOffset, Task<Operation>> apply)
    {
        var c = await db.Cases.SingleOrDefaultAsync(x => x.Id == caseId, ct);
        if (c is null) return new WorkflowResult.NotFound();
        if (!actor.Posts.Any(p => p.JurisdictionId == c.Location.JurisdictionFor(p.Role)) && !await db.Posts.AnyAsync(p => p.UnitHeadId == actor.Id && (p.JurisdictionId == c.IntakeCommunityId || p.JurisdictionId == c.RegistrationTownshipId), ct))
        {
            return new WorkflowResult.Refused(RefusalKind.NotYourPost, "该案件不属于您所在岗位的辖区。");
        }

        var now = clock.GetUtcNow();
        var operation = await apply(c, now);
        if (operation.Failure is not null) return operation.Failure;

        c.Version++;
        c.UpdatedAt = now;
        var entry = new CaseHistoryEntry
        {
            Id = Guid.CreateVersion7(now), CaseId = c.Id, Sequence = c.Version, Action = action, FromState = c.State, ToState = c.State,
            ActorId = actor.Id, ActorName = actor.DisplayName, PostId = operation.Post!.PostId, ActingForId = operation.Post.ActingForId, JurisdictionId = operation.Post.JurisdictionId, At = now,
            Detail = operation.Detail is null ? null : JsonSerializer.Serialize(operation.Detail, Json),
        };
        db.CaseHistory.Add(entry);
        Auditing.AuditTrail.Append(db, Auditing.AuditEntry.ForCase(now, actor.Id, $"case.{action}", c.Id, detail: $"{c.State} at {operation.Post.PostId}"));
        await TimerSchedule.RescheduleAsync(db, c, now, ct);
        return new WorkflowResult.Done(c, entry);
    }

    /// <summary>The applicant is told through the intake window and the first-contact person.</summary>
    private void NotifyApplicantSide(Case c, string kind, string text, DateTimeOffset now)
    {
        Notify(c, null, c.FirstContactStaffId, kind, text, now);
    }

    private void Notify(Case c, string? postId, string? staffId, string kind, string text, DateTimeOffset now) =>
        db.Notifications.Add(new Notification { Id = Guid.CreateVersion7(now), CaseId = c.Id, RecipientPostId = postId, RecipientStaffId = staffId, Kind = kind, Text = text, CreatedAt = now });
}
