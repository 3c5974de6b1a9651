using Tongban.Workflows.Definitions;

namespace Tongban.Workflows.Cases;

/// <summary>Chinese labels for the staff who read refusals, history and pages.</summary>
public static class ActionLabels
{
    public static string Of(CaseAction action) => action switch
    {
        CaseAction.Intake => "接件",
        CaseAction.Receive => "接收移交",
        CaseAction.Forward => "审核转办",
        CaseAction.SignFor => "签收",
        CaseAction.Accept => "受理",
        CaseAction.ReturnForCorrection => "退回补正",
        CaseAction.Resubmit => "补正提交",
        CaseAction.Handle => "办理",
        CaseAction.Decide => "办结",
        CaseAction.Deliver => "结果交付",
        CaseAction.Evaluate => "评价",
        CaseAction.Archive => "归档",
        CaseAction.Withdraw => "视为撤回",
        CaseAction.SupplyMaterials => "补交容缺材料",
        CaseAction.StopClock => "中止计时",
        CaseAction.ResumeClock => "恢复计时",
        CaseAction.RequestExtension => "申请延期",
        CaseAction.DecideExtension => "延期审批",
        CaseAction.GiveOpinion => "出具意见",
        CaseAction.Fork => "并联办理开始",
        CaseAction.Join => "并联意见汇齐",
        CaseAction.Choose => "按条件分支",
        CaseAction.Elapse => "公示期满",
        CaseAction.Migrate => "路线迁移",
        _ => action.ToString(),
    };
}

public static class RoleLabels
{
    public static string Of(PostRole? role) => role switch
    {
        PostRole.WindowClerk => "社区综合窗口",
        PostRole.Specialist => "通办专员",
        PostRole.BackOffice => "户籍乡镇后台",
        PostRole.BureauSupervisor => "行政审批局督办",
        PostRole.DepartmentOfficer => "县直部门经办",
        PostRole.GridWorker => "网格员",
        _ => "系统",
    };
}
