using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Cases;

namespace Tongban.UseCases.TimeLimits;

/// <summary>容缺补交: the window hands in materials the applicant had promised.</summary>
public sealed class SupplyDeferredMaterials(CaseWorkflow workflow, CaseCommit commit)
{
    public const int MaxMaterials = 50;

    public sealed record Request(Guid CaseId, IReadOnlyList<string>? Materials);

    public async Task<Outcome<Case>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        if (request.Materials is { Count: > MaxMaterials }) return Outcome.Invalid<Case>("materials", $"材料最多 {MaxMaterials} 项。");
        return await commit.StepAsync(() => workflow.SupplyMaterialsAsync(request.CaseId, actor, request.Materials ?? [], ct), actor, request.CaseId, nameof(CaseAction.SupplyMaterials), ct);
    }
}
