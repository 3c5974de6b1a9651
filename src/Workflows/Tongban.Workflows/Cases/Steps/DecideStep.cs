using Tongban.Workflows.Clocks;
using Tongban.Workflows.Residents;

namespace Tongban.Workflows.Cases.Steps;

/// <summary>
/// 办结: approve with a result or reject with a reason; the decision is recorded and ends the overall clock; a task
/// offering it runs the 办理 stage clock; the first-contact person is told, and the resident (办结, or 结果已送达 when the
/// step leads straight to delivery, as 窗口即办 does). The seal (用章登记) is the use case's, which keeps the ledger.
/// </summary>
public sealed class DecideStep : StepKind
{
    public const int MaxTextLength = 2000;
    public const int MaxSealLength = 100;
    public const int MaxDocumentLength = 200;

    public override string Name => "decide";
    public override CaseAction Action => CaseAction.Decide;
    public override string? Stage => Stages.Handle;
    public override IReadOnlyList<string> Fields => ["approved", "text", "seal"];

    public override ActionInput? Read(StepFields fields, IFieldErrors errors)
    {
        if (fields.Approved is null) errors.Add("approved", "请选择办理结果：准予或不予。");
        var text = errors.Optional("text", fields.Text, MaxTextLength, $"办理结果或理由不超过{MaxTextLength}字。");
        return new ActionInput.Decide(fields.Approved ?? false, text ?? "");
    }

    public override StepChange Apply(StepContext step)
    {
        var record = step.Input is ActionInput.Decide input ? step.Facts.Record with { Approved = input.Approved, DecisionText = input.Text } : step.Facts.Record;
        return new StepChange(step.Facts.Clock.Complete(step.Now), record)
        {
            Notices = [FirstContact(step.Facts, CaseAction.Decide, $"您首问的案件 {step.Facts.Number} 已办结（{(record.Approved == true ? "准予" : "不予")}）。")],
        };
    }

    // 窗口即办 decides at the window: the result is ready at once.
    public override Milestone? ResidentMilestone(bool resultAtWindow) => resultAtWindow ? Milestone.ResultReady : Milestone.Decided;
}
