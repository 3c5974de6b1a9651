using Tongban.Workflows.Clocks;

namespace Tongban.Workflows.Cases.Steps;

/// <summary>转办: the community's specialist forwards the checked case; a task offering it runs the 专员审核 stage clock.</summary>
public sealed class ForwardStep : StepKind
{
    public override string Name => "forward";
    public override CaseAction Action => CaseAction.Forward;
    public override string? Stage => Stages.Review;
}
