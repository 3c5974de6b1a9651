namespace Tongban.Workflows.Cases.Steps;

/// <summary>归档: the closed case is archived; it only moves the case.</summary>
public sealed class ArchiveStep : StepKind
{
    public override string Name => "archive";
    public override CaseAction Action => CaseAction.Archive;
}
