using Tongban.Workflows.Residents;

namespace Tongban.Workflows.Cases.Steps;

/// <summary>结果交付: how the result reached the resident (Window, Post or Home); the first-contact person and the resident are told.</summary>
public sealed class DeliverStep : StepKind
{
    public override string Name => "deliver";
    public override CaseAction Action => CaseAction.Deliver;
    public override IReadOnlyList<string> Fields => ["method"];

    public override ActionInput? Read(StepFields fields, IFieldErrors errors)
    {
        if (Enum.TryParse<DeliveryMethod>(fields.Method, ignoreCase: false, out var method) && Enum.IsDefined(method) && !int.TryParse(fields.Method, out _))
        {
            return new ActionInput.Deliver(method);
        }

        errors.Add("method", "请选择交付方式：Window（窗口领取）、Post（邮寄）或 Home（送达上门）。");
        return null;
    }

    public override StepChange Apply(StepContext step) => step.Unchanged with
    {
        Record = step.Input is ActionInput.Deliver input ? step.Facts.Record with { DeliveryMethod = input.Method } : step.Facts.Record,
        Notices = [FirstContact(step.Facts, CaseAction.Deliver, $"您首问的案件 {step.Facts.Number} 的结果已交付申请人。")],
    };

    public override Milestone? ResidentMilestone(bool resultAtWindow) => Milestone.Delivered;
}
