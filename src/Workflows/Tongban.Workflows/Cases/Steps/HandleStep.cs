using Tongban.Workflows.Clocks;

namespace Tongban.Workflows.Cases.Steps;

/// <summary>办理: handling starts; a task offering it runs the 办理 stage clock.</summary>
public sealed class HandleStep : StepKind
{
    public override string Name => "handle";
    public override CaseAction Action => CaseAction.Handle;
    public override string? Stage => Stages.Handle;
}
