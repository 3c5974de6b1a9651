using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Cases;

namespace Tongban.UseCases.TimeLimits;

/// <summary>延期审批 by the unit head: approval moves the deadline (an overdue record stays), or refuses it.</summary>
public sealed class DecideExtension(CaseWorkflow workflow, CaseCommit commit)
{
    public const int MaxNoteLength = 500;

    public sealed record Request(Guid CaseId, Guid RequestId, bool? Approve, string? Note);

    public async Task<Outcome<Case>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (request.Approve is null) errors.Add("approve", "请选择批准（true）或不批准（false）。");
        var note = errors.Optional("note", request.Note, MaxNoteLength, $"审批意见不超过{MaxNoteLength}字。");
        if (errors.Any) return errors.Outcome<Case>();

        return await commit.StepAsync(() => workflow.DecideExtensionAsync(request.CaseId, request.RequestId, actor, request.Approve!.Value, note, ct), actor, request.CaseId, nameof(CaseAction.DecideExtension), ct);
    }
}
