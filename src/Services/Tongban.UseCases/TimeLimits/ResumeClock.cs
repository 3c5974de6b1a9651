using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Cases;

namespace Tongban.UseCases.TimeLimits;

/// <summary>恢复计时 after a special procedure: the working days still owed run from now.</summary>
public sealed class ResumeClock(CaseWorkflow workflow, CaseCommit commit)
{
    public sealed record Request(Guid CaseId);

    public async Task<Outcome<Case>> HandleAsync(Request request, Actor actor, CancellationToken ct) =>
        await commit.StepAsync(() => workflow.ResumeClockAsync(request.CaseId, actor, ct), actor, request.CaseId, nameof(CaseAction.ResumeClock), ct);
}
