namespace Tongban.Workflows.Cases.Steps;

/// <summary>补正: adds the materials handed in and resumes the overall clock (or restarts it in full when the item says so).</summary>
public sealed class ResubmitStep : StepKind
{
    public const int MaxMaterials = 50;

    public override string Name => "resubmit";
    public override CaseAction Action => CaseAction.Resubmit;
    public override IReadOnlyList<string> Fields => ["materials"];

    public override ActionInput? Read(StepFields fields, IFieldErrors errors)
    {
        if (fields.Materials is { Count: > MaxMaterials }) errors.Add("materials", $"材料最多 {MaxMaterials} 项。");
        return new ActionInput.Resubmit(fields.Materials ?? []);
    }

    public override StepChange Apply(StepContext step)
    {
        var record = step.Input is ActionInput.Resubmit input
            ? step.Facts.Record with { MaterialsHandedIn = [.. step.Facts.Record.MaterialsHandedIn.Union(input.Materials)], MissingMaterials = [] }
            : step.Facts.Record;
        return new StepChange(step.Facts.Clock.Resume(step.Item, step.Clocks.Calendar, step.Clocks.Thresholds, step.Now), record);
    }
}
