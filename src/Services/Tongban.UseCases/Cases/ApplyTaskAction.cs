using Tongban.Workflows.Cases;
using Tongban.Workflows.Routes;
using Tongban.Workflows.Runtime.Cases;

namespace Tongban.UseCases.Cases;

/// <summary>
/// A step on a branch task of 并联办理 (出具意见 by an assisting unit), from the API or the case page. The step kind is
/// the one the route names (giveOpinion); the engine decides at the task's post, and the join may fire in the same
/// transaction. Committed through <see cref="CaseCommit"/> (a refusal is audited as denied; a lost race is 409).
/// </summary>
public sealed class ApplyTaskAction(CaseWorkflow workflow, CaseCommit commit)
{
    public const int MaxStepKindLength = 40;

    /// <param name="StepKind">As the route names it, e.g. giveOpinion.</param>
    /// <param name="ExpectedVersion">The case version the staff member saw (If-Match); null to act on any.</param>
    public sealed record Request(Guid CaseId, Guid TaskId, string StepKind, int? ExpectedVersion)
    {
        /// <summary>出具意见: agrees (true) or not (false).</summary>
        public bool? Agrees { get; init; }

        /// <summary>出具意见: the opinion, at most <see cref="OpinionInput.TextMaxLength"/> characters.</summary>
        public string? Text { get; init; }
    }

    public async Task<Outcome<Case>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var action = request.StepKind.Length <= MaxStepKindLength ? StepKinds.ActionOf(request.StepKind) : null;
        if (action is null) return Outcome.NotFound<Case>();

        ActionInput input = ActionInput.None.Instance;
        if (action == CaseAction.GiveOpinion)
        {
            if (request.Agrees is null) errors.Add("agrees", "请选择是否同意。");
            var text = errors.Required("text", request.Text, OpinionInput.TextMaxLength, $"请填写意见（不超过{OpinionInput.TextMaxLength}字）。");
            input = new OpinionInput(request.Agrees ?? false, text ?? "");
        }

        if (errors.Any) return errors.Outcome<Case>();
        return await commit.StepAsync(
            () => workflow.CompleteTaskAsync(request.CaseId, request.TaskId, action.Value, actor, input, request.ExpectedVersion, ct),
            actor, request.CaseId, action.Value.ToString(), ct);
    }
}
