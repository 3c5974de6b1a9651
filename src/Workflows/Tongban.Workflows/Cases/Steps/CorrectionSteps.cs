using Tongban.Workflows.Clocks;

namespace Tongban.Workflows.Cases.Steps;

/// <summary>
/// 退回补正 and 补正: the return lists what is missing once (一次性告知) and stops the overall clock; the resubmission
/// adds the materials and resumes the clock, or restarts it in full when the item says so.
/// </summary>
public static class CorrectionSteps
{
    public static StepChange Return(StepContext step)
    {
        var record = step.Input is ActionInput.ReturnForCorrection input
            ? step.Facts.Record with { MissingMaterials = [.. input.Missing], CorrectionRounds = step.Facts.Record.CorrectionRounds + 1 }
            : step.Facts.Record;
        return new StepChange(step.Facts.Clock.Stop(ClockStop.Correction, step.Clocks.Calendar, step.Now), record)
        {
            Notices = [StepKinds.FirstContact(step.Facts, CaseAction.ReturnForCorrection, $"您首问的案件 {step.Facts.Number} 被退回补正，请告知申请人一次性补齐所列材料。")],
        };
    }

    public static StepChange Resubmit(StepContext step)
    {
        var record = step.Input is ActionInput.Resubmit input
            ? step.Facts.Record with { MaterialsHandedIn = [.. step.Facts.Record.MaterialsHandedIn.Union(input.Materials)], MissingMaterials = [] }
            : step.Facts.Record;
        return new StepChange(step.Facts.Clock.Resume(step.Item, step.Clocks.Calendar, step.Clocks.Thresholds, step.Now), record);
    }
}
