using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Cases;

namespace Tongban.UseCases.TimeLimits;

/// <summary>延期申请 by the holder, with the reason the applicant will be told; the unit head decides.</summary>
public sealed class RequestExtension(CaseWorkflow workflow, CaseCommit commit)
{
    public const int MaxWorkingDays = 60;
    public const int MaxReasonLength = 500;

    public sealed record Request(Guid CaseId, int? WorkingDays, string? Reason);

    public async Task<Outcome<Case>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (request.WorkingDays is not (>= 1 and <= MaxWorkingDays)) errors.Add("workingDays", $"延期天数应为 1 至 {MaxWorkingDays} 个工作日。");
        var reason = errors.Required("reason", request.Reason, MaxReasonLength, $"请填写延期理由（将告知申请人，不超过{MaxReasonLength}字）。");
        if (errors.Any) return errors.Outcome<Case>();

        return await commit.StepAsync(() => workflow.RequestExtensionAsync(request.CaseId, actor, request.WorkingDays!.Value, reason!, ct), actor, request.CaseId, nameof(CaseAction.RequestExtension), ct);
    }
}
