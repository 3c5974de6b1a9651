using Tongban.Workflows.Clocks;

namespace Tongban.Workflows.Cases.Steps;

/// <summary>
/// 出具意见 (并联办理): an assisting unit agrees or not and says why, on a task of its own (agrees, text; read as
/// <see cref="OpinionInput"/> by the task use case and decided by <see cref="BranchTasks"/>); the task runs the 出具意见
/// clock. Only in assisting branches.
/// </summary>
public sealed class GiveOpinionStep : StepKind
{
    public override string Name => "giveOpinion";
    public override CaseAction Action => CaseAction.GiveOpinion;
    public override string? Stage => Stages.Opinion;
    public override IReadOnlyList<string> Fields => ["agrees", "text"];
}
