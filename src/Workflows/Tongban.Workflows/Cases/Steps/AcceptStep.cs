using Tongban.Workflows.Clocks;
using Tongban.Workflows.Residents;

namespace Tongban.Workflows.Cases.Steps;

/// <summary>受理: the township accepts the application; a task offering it runs the 受理 stage clock; the resident is told.</summary>
public sealed class AcceptStep : StepKind
{
    public override string Name => "accept";
    public override CaseAction Action => CaseAction.Accept;
    public override string? Stage => Stages.Accept;

    public override Milestone? ResidentMilestone(bool resultAtWindow) => Milestone.Accepted;
}
