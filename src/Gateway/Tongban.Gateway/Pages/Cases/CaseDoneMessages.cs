using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Cases;

namespace Tongban.Gateway.Pages.Cases;

/// <summary>What the case page says after a route action went through.</summary>
public static class CaseDoneMessages
{
    public static string For(CaseAction action, Case c) => action switch
    {
        CaseAction.Forward => "已审核并转户籍乡镇，等待乡镇签收。",
        CaseAction.SignFor => "已签收。请受理或退回补正。",
        CaseAction.Accept => "已受理。",
        CaseAction.ReturnForCorrection => "已退回补正，补正通知已一次性列明全部材料，案件移交受理窗口。",
        CaseAction.Resubmit => "补正材料已提交，案件移交户籍乡镇重新签收。",
        CaseAction.Handle => "已开始办理。",
        CaseAction.Decide => c.Approved == true ? "已办结（准予），结果回传受理窗口。" : "已办结（不予），结果回传受理窗口。",
        CaseAction.Deliver => "结果已交付群众。",
        CaseAction.Evaluate => "评价已记录。",
        CaseAction.Archive => "案件已归档。",
        _ => $"{ActionLabels.Of(action)}完成。",
    };
}
