using Tongban.Workflows.Clocks;
using Tongban.Workflows.Residents;

namespace Tongban.Workflows.Cases.Steps;

/// <summary>
/// 退回补正: lists every missing or defective material once (一次性告知) and stops the overall clock; the first-contact
/// person and the resident (the complete list to bring) are told.
/// </summary>
public sealed class ReturnForCorrectionStep : StepKind
{
    public const int MaxMissing = 50;
    public const int MaxProblemLength = 200;

    public override string Name => "returnForCorrection";
    public override CaseAction Action => CaseAction.ReturnForCorrection;
    public override IReadOnlyList<string> Fields => ["missing"];

    public override void CheckBounds(StepFields fields, IFieldErrors errors)
    {
        if (fields.Missing is { Count: > MaxMissing }) errors.Add("missing", $"补正材料最多列出 {MaxMissing} 项。");
        foreach (var (m, i) in (fields.Missing ?? []).Select((m, i) => (m, i)))
        {
            if (errors.Optional($"missing[{i}].code", m?.Code, MaterialCodes.MaxLength, $"材料代码不超过{MaterialCodes.MaxLength}个字符。") is { } code && code.AsSpan().ContainsAny('\r', '\n'))
            {
                errors.Add($"missing[{i}].code", "材料代码不能换行。");
            }

            errors.Optional($"missing[{i}].problem", m?.Problem, MaxProblemLength, $"问题说明不超过{MaxProblemLength}字。");
        }
    }

    public override ActionInput? Read(StepFields fields, IFieldErrors errors) =>
        new ActionInput.ReturnForCorrection([.. (fields.Missing ?? []).Select(m => m is null ? null! : m with { Problem = m.Problem?.Trim() ?? "" })]);

    public override StepChange Apply(StepContext step)
    {
        var record = step.Input is ActionInput.ReturnForCorrection input
            ? step.Facts.Record with { MissingMaterials = [.. input.Missing], CorrectionRounds = step.Facts.Record.CorrectionRounds + 1 }
            : step.Facts.Record;
        return new StepChange(step.Facts.Clock.Stop(ClockStop.Correction, step.Clocks.Calendar, step.Now), record)
        {
            Notices = [FirstContact(step.Facts, CaseAction.ReturnForCorrection, $"您首问的案件 {step.Facts.Number} 被退回补正，请告知申请人一次性补齐所列材料。")],
        };
    }

    public override Milestone? ResidentMilestone(bool resultAtWindow) => Milestone.CorrectionNeeded;
}
