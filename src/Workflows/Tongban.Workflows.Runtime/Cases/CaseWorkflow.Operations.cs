using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Clocks;
using Tongban.Workflows.Runtime.Clocks;

namespace Tongban.Workflows.Runtime.Cases;

/// <summary>
/// Operations on a case that do not move it along the route: they change its clocks or materials and are
/// journalled like transitions (same state before and after), in the same unit of work as their effects.
/// Decided by <see cref="CaseOperations"/>; this part loads what they decide from and persists what they decided.
/// </summary>
public sealed partial class CaseWorkflow
{
    /// <summary>容缺受理: the window hands in materials the applicant had promised; when all are in, the promise timer goes.</summary>
    public Task<WorkflowResult> SupplyMaterialsAsync(Guid caseId, Actor actor, IReadOnlyList<string> materials, CancellationToken ct) =>
        OperateAsync(caseId, actor, ct, (c, now) => Task.FromResult<StepOutcome?>(CaseOperations.SupplyMaterials(c.Facts(), actor, materials, now)));

    /// <summary>中止计时 for a special procedure; the applicant side is told.</summary>
    public Task<WorkflowResult> StopClockAsync(Guid caseId, Actor actor, SpecialProcedure procedure, string reason, CancellationToken ct) =>
        OperateAsync(caseId, actor, ct, async (c, now) => CaseOperations.StopClock(c.Facts(), actor, procedure, reason, await ClockSettingsAsync(ct), now));

    /// <summary>恢复计时 after a special procedure. (After 补正 the clock resumes with the resubmission.)</summary>
    public Task<WorkflowResult> ResumeClockAsync(Guid caseId, Actor actor, CancellationToken ct) =>
        OperateAsync(caseId, actor, ct, async (c, now) =>
        {
            var item = await items.GetAsync(db, c.ItemVersionId, ct);
            return CaseOperations.ResumeClock(c.Facts(), actor, item.Spec, await ClockSettingsAsync(ct), now);
        });

    /// <summary>延期申请 by the holder, with the reason the applicant will be told; the unit head decides.</summary>
    public Task<WorkflowResult> RequestExtensionAsync(Guid caseId, Actor actor, int workingDays, string reason, CancellationToken ct) =>
        OperateAsync(caseId, actor, ct, async (c, now) =>
        {
            var pending = await db.ExtensionRequests.AnyAsync(e => e.CaseId == c.Id && e.Status == ExtensionStatus.Pending, ct);
            var head = await db.Posts.Where(p => p.Id == c.CurrentPostId).Select(p => p.UnitHeadId).SingleOrDefaultAsync(ct);
            var outcome = CaseOperations.RequestExtension(c.Facts(), actor, workingDays, reason, pending, head ?? "", now);
            if (outcome is StepOutcome.Decided { Effects.RequestsExtension: { } asked })
            {
                db.ExtensionRequests.Add(new ExtensionRequest
                {
                    Id = Guid.CreateVersion7(now), CaseId = c.Id, WorkingDays = asked.WorkingDays, Reason = asked.Reason, RequestedBy = actor.Id, PostId = asked.PostId,
                    RequestedAt = now, RequestedAfterExpiry = asked.AfterExpiry, Status = ExtensionStatus.Pending,
                });
            }

            return outcome;
        });

    /// <summary>延期审批 by the unit head of the requesting post. Approval moves the deadline; the overdue record stays.</summary>
    public Task<WorkflowResult> DecideExtensionAsync(Guid caseId, Guid requestId, Actor actor, bool approve, string? note, CancellationToken ct) =>
        OperateAsync(caseId, actor, ct, async (c, now) =>
        {
            var request = await db.ExtensionRequests.SingleOrDefaultAsync(e => e.Id == requestId && e.CaseId == c.Id, ct);
            if (request is null) return null;
            var post = await db.Posts.AsNoTracking().SingleAsync(p => p.Id == request.PostId, ct);
            var pending = new PendingExtension(request.Id, request.WorkingDays, request.Reason, request.Status == ExtensionStatus.Pending,
                new CasePost(post.Id, post.JurisdictionId, post.Role), post.UnitHeadId);
            var outcome = CaseOperations.DecideExtension(c.Facts(), pending, actor, approve, note, await ClockSettingsAsync(ct), now);
            if (outcome is StepOutcome.Decided)
            {
                request.Status = approve ? ExtensionStatus.Approved : ExtensionStatus.Refused;
                request.DecidedBy = actor.Id;
                request.DecidedAt = now;
                request.DecisionNote = note;
            }

            return outcome;
        });

    /// <summary>
    /// Loads the case, checks the actor works in one of its jurisdictions (or heads a unit there), lets
    /// <paramref name="decide"/> decide (null: not found), and persists a decided step like a transition.
    /// </summary>
    private async Task<WorkflowResult> OperateAsync(Guid caseId, Actor actor, CancellationToken ct, Func<Case, DateTimeOffset, Task<StepOutcome?>> decide)
    {
        var c = await db.Cases.SingleOrDefaultAsync(x => x.Id == caseId, ct);
        if (c is null) return new WorkflowResult.NotFound();
        if (!actor.Posts.Any(p => p.JurisdictionId == c.Location.JurisdictionFor(p.Role)) && !await db.Posts.AnyAsync(p => p.UnitHeadId == actor.Id && (p.JurisdictionId == c.IntakeCommunityId || p.JurisdictionId == c.RegistrationTownshipId), ct))
        {
            return new WorkflowResult.Refused(RefusalKind.NotYourPost, "该案件不属于您所在岗位的辖区。");
        }

        var outcome = await decide(c, clock.GetUtcNow());
        if (outcome is null) return new WorkflowResult.NotFound();
        if (outcome is not StepOutcome.Decided { Effects: var effects }) return Failure(outcome);
        var entry = await PersistAsync(c, effects, actor, messageId: null, ct);
        return new WorkflowResult.Done(c, entry);
    }
}
