using Tongban.Workflows.Cases;
using Tongban.Workflows.Clocks;
using Tongban.Workflows.Runtime.Cases;

namespace Tongban.UseCases.TimeLimits;

/// <summary>中止计时: a special procedure (听证、检验、检测、鉴定、专家评审、现场勘验) starts; the applicant side is told.</summary>
public sealed class StopClock(CaseWorkflow workflow, CaseCommit commit)
{
    public const int MaxReasonLength = 200;

    public sealed record Request(Guid CaseId, string? Procedure, string? Reason);

    public async Task<Outcome<Case>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (!Enum.TryParse<SpecialProcedure>(request.Procedure, out var procedure) || !Enum.IsDefined(procedure) || int.TryParse(request.Procedure, out _))
        {
            errors.Add("procedure", "请选择特别程序：Hearing（听证）、Inspection（检验）、Testing（检测）、Appraisal（鉴定）、ExpertReview（专家评审）或 SiteSurvey（现场勘验）。");
        }

        var reason = errors.Required("reason", request.Reason, MaxReasonLength, $"请说明中止计时的原因（不超过{MaxReasonLength}字），将告知申请人。");
        if (errors.Any) return errors.Outcome<Case>();

        return await commit.StepAsync(() => workflow.StopClockAsync(request.CaseId, actor, procedure, reason!, ct), actor, request.CaseId, nameof(CaseAction.StopClock), ct);
    }
}
