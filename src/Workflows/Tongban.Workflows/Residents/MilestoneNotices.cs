using Tongban.Workflows.Cases;
using Tongban.Workflows.Definitions;

namespace Tongban.Workflows.Residents;

/// <summary>The moments a resident is told about without asking.</summary>
public enum Milestone
{
    /// <summary>受理: the township accepted the application.</summary>
    Accepted,

    /// <summary>退回补正: what to bring, the complete list, once per return.</summary>
    CorrectionNeeded,

    /// <summary>办结: decided; the result is on its way back to the window.</summary>
    Decided,

    /// <summary>The result waits at the window.</summary>
    ResultReady,

    /// <summary>The result was handed over.</summary>
    Delivered,

    /// <summary>延期 approved: an apology and the new date.</summary>
    ExtensionApproved,

    /// <summary>Not a milestone of the case: a one-time code for the progress lookup, asked for by whoever holds the case number (<see cref="LookupCodes"/>).</summary>
    LookupCode,
}

/// <summary>
/// What a notice may say: the masked name, the case number, places and dates, material names from the catalogue.
/// Deliberately not the item's name (住院费用报销 and the like tell of health), nor the decision's text, nor what
/// staff typed about a material (free text can carry anything), nor any part of the ID number.
/// </summary>
public sealed record NoticeFacts(string MaskedName, string CaseNumber, string WindowName, string TownshipName)
{
    public DateOnly? DueDate { get; init; }

    /// <summary>For a correction: the names of every material to bring.</summary>
    public IReadOnlyList<string> ToBring { get; init; } = [];
}

/// <summary>Which journal entries are milestones, and the text of each notice (zh-CN; the SMS signature is added by the channel).</summary>
public static class MilestoneNotices
{
    /// <summary>
    /// The milestone of a journal entry of a case on <paramref name="definition"/>, if it is one. The result is ready
    /// when the case reaches a state whose step is delivery (交付), whatever the route calls it.
    /// </summary>
    public static Milestone? Of(WorkflowDefinition definition, CaseAction action, string toState, JournalDetail? detail) => action switch
    {
        // Not step kinds: a hand-off received into the delivery step, an approved extension.
        CaseAction.Receive => ResultAtWindow(definition, toState) ? Milestone.ResultReady : null,
        CaseAction.DecideExtension => detail is ExtensionDecidedDetail { Approve: true } ? Milestone.ExtensionApproved : null,
        // The step kinds' own (Cases/Steps): 受理, 退回补正, 办结, 交付.
        _ => Cases.Steps.StepRegistry.Of(action) is { } kind ? kind.ResidentMilestone(action == CaseAction.Decide && ResultAtWindow(definition, toState)) : null,
    };

    private static bool ResultAtWindow(WorkflowDefinition definition, string state) => StateTraits.Of(definition, state)?.Offer(CaseAction.Deliver) == true;

    public static string Text(Milestone milestone, NoticeFacts f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var due = f.DueDate is { } d ? $"{d:yyyy年M月d日}" : "承诺期限";
        var hello = $"{f.MaskedName}您好，您的办件（编号{f.CaseNumber}）";
        return milestone switch
        {
            Milestone.Accepted => $"{hello}已由{f.TownshipName}受理，将于{due}前办结。凭案件编号和身份证号后六位可查询办理进度。",
            Milestone.CorrectionNeeded =>
                $"{hello}需要补正材料，请一次性带齐以下全部{f.ToBring.Count}项到{f.WindowName}补交：{string.Join("；", f.ToBring.Select((m, i) => $"{i + 1}.{m}"))}。补正期间暂停计时。",
            Milestone.Decided => $"{hello}已办结，办理结果正送回{f.WindowName}，到达后另行通知您领取。",
            Milestone.ResultReady => $"{hello}办理结果已送达{f.WindowName}，请携带本人身份证和受理回执领取。",
            Milestone.Delivered => $"{hello}办理结果已交付。感谢您的耐心，欢迎对本次服务作出评价。",
            Milestone.ExtensionApproved => $"很抱歉，{hello}因办理需要延期，新的办结期限为{due}。给您带来不便，敬请谅解。",
            _ => throw new ArgumentOutOfRangeException(nameof(milestone)),
        };
    }

    /// <summary>The same facts as template parameters, for SMS platforms that fill their own approved templates.</summary>
    public static IReadOnlyDictionary<string, string> Parameters(NoticeFacts f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var p = new Dictionary<string, string>
        {
            ["name"] = f.MaskedName,
            ["caseNumber"] = f.CaseNumber,
            ["window"] = f.WindowName,
            ["township"] = f.TownshipName,
        };
        if (f.DueDate is { } d) p["date"] = $"{d:yyyy年M月d日}";
        if (f.ToBring.Count > 0) p["materials"] = string.Join("；", f.ToBring);
        return p;
    }
}
