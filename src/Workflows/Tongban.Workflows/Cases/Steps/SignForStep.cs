using Tongban.Workflows.Clocks;

namespace Tongban.Workflows.Cases.Steps;

/// <summary>签收: the receiving unit signs for a handed-off case; a task offering it runs the 签收 stage clock (AB escalation when it expires).</summary>
public sealed class SignForStep : StepKind
{
    public override string Name => "signFor";
    public override CaseAction Action => CaseAction.SignFor;
    public override string? Stage => Stages.SignFor;
}
