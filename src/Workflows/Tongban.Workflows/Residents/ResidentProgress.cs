using Tongban.Workflows.Cases;
using Tongban.Workflows.Clocks;
using Tongban.Workflows.Definitions;

namespace Tongban.Workflows.Residents;

/// <summary>Where a case is, as the resident reads it: a few steps, not the engine's states.</summary>
public enum ProgressStep
{
    /// <summary>Taken in at the window; the community's specialist checks it.</summary>
    Received,

    /// <summary>With the township of registration: signing for it, deciding whether to accept.</summary>
    AtTownship,

    /// <summary>Returned: the resident must bring something (the complete list is shown).</summary>
    CorrectionNeeded,

    /// <summary>Accepted and being handled.</summary>
    Handling,

    /// <summary>Decided; the result is on its way back to the window.</summary>
    Decided,

    /// <summary>The result waits at the window.</summary>
    ReadyForPickUp,

    /// <summary>The result was handed over.</summary>
    Delivered,

    /// <summary>视为撤回: a promised material did not come in time.</summary>
    Withdrawn,
}

/// <summary>Something the resident must bring: a material returned for correction, or one promised under 容缺受理.</summary>
public sealed record ThingToBring(string Name, string Why);

/// <summary>The plain facts the resident's view is made of (names already resolved, dates already local).</summary>
public sealed record ProgressFacts
{
    public required string State { get; init; }
    public required string CommunityName { get; init; }
    public required string TownshipName { get; init; }

    public bool ClockStopped { get; init; }

    /// <summary>The county-local date the overall clock is due (with approved extensions); null while stopped.</summary>
    public DateOnly? DueDate { get; init; }

    public bool DueProvisional { get; init; }

    /// <summary>What the township returned the case for (name of the material, what is wrong).</summary>
    public IReadOnlyList<ThingToBring> Missing { get; init; } = [];

    /// <summary>Materials promised under 容缺受理 and not yet supplied, with the promised date.</summary>
    public IReadOnlyList<string> Deferred { get; init; } = [];

    public DateOnly? PromiseDate { get; init; }

    public DeliveryMethod? DeliveredBy { get; init; }

    /// <summary>并联办理: the county departments whose opinion is still awaited (e.g. 县民政局).</summary>
    public IReadOnlyList<string> AwaitedUnits { get; init; } = [];

    /// <summary>At a timer node (公示): the local date its wait ends.</summary>
    public DateOnly? WaitUntil { get; init; }

    /// <summary>The decision has been made (its content is not shown here).</summary>
    public bool Decided { get; init; }
}

/// <summary>The answer of the public progress lookup: where, what next, by when, what to bring, where to pick up.</summary>
public sealed record ResidentProgress(ProgressStep Step, string Where, string Next, string? By, IReadOnlyList<ThingToBring> ToBring, string PickUp)
{
    /// <summary>
    /// Plain words for where the case is, from what its state IS in the route the case follows (never from the state's
    /// name): the steps people take there, its stage clock, its holder, whether it is an end and which; a hand-off in
    /// transit is told by the state it is on its way to. Nothing about the decision's content (approved or not): that
    /// is given with the result at the window, not on a page reached with a case number and six characters.
    /// </summary>
    public static ResidentProgress Of(WorkflowDefinition definition, ProgressFacts f)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(f);
        var state = StateTraits.Of(definition, f.State);
        var here = state?.Destination;
        var window = $"{f.CommunityName}便民服务窗口";
        var pickUp = $"办结后请到{window}领取办理结果（携带本人身份证和受理回执）；如选择邮寄或送达上门，工作人员会与您联系。";
        var by = f.ClockStopped ? "补正期间暂停计时，材料补齐后继续计算" : f.DueDate is { } due ? $"{due:yyyy年M月d日}前办结{(f.DueProvisional ? "（暂定，节假日安排公布后确定）" : "")}" : null;
        // The returned materials only while the case waits for them (the list stays on the case afterwards): at the
        // window's resubmit step, or on the way there.
        var correcting = here?.Offer(CaseAction.Resubmit) == true;
        var toBring = new List<ThingToBring>(correcting ? f.Missing : []);
        if (f.Deferred.Count > 0)
        {
            var promise = f.PromiseDate is { } p ? $"承诺于{p:yyyy年M月d日}前补交" : "容缺受理，承诺补交";
            toBring.AddRange(f.Deferred.Select(d => new ThingToBring(d, promise)));
        }

        if (state is null || here is null) return ByNode(f, state, window, by, toBring, pickUp);

        // 窗口即办: the window itself handles and decides the case.
        if (!state.InTransit && state.HeldBy == PostRole.WindowClerk && state.Stage == Stages.Handle)
        {
            return new(ProgressStep.Handling, $"{window}正在即时办理。", "当个工作日办结，办结后即可在窗口领取结果。", by, toBring, pickUp);
        }

        if (state.IsWithdrawnEnd)
        {
            return new(ProgressStep.Withdrawn, "因承诺补交的材料未在期限内补交，本申请视为撤回。", $"如仍需办理，请到{window}重新申请。", null, [], "—");
        }

        // Delivered (交付), evaluated, archived: the result was handed over.
        if (state.IsEnd || state.ReachedBy.Overlaps([CaseAction.Deliver, CaseAction.Evaluate, CaseAction.Archive]))
        {
            return new(ProgressStep.Delivered, $"办理结果已交付（{DeliveryWords(f.DeliveredBy)}）。", "本件已办结。如对办理结果有疑问，请联系受理窗口。", null, [], "已交付。");
        }

        if (here.Offer(CaseAction.Deliver))
        {
            return state.InTransit
                ? Decided(window, toBring, pickUp)
                : new(ProgressStep.ReadyForPickUp, $"已办结，办理结果已送达{window}。", "请到窗口领取办理结果，并对本次服务作出评价。", null, toBring, $"请到{window}领取办理结果（携带本人身份证和受理回执）。");
        }

        if (correcting)
        {
            return new(ProgressStep.CorrectionNeeded, "需要补正材料：请带齐下列全部材料。", $"请携带下列材料到{window}补交，补交后继续办理。", by, toBring, pickUp);
        }

        return here.Stage switch
        {
            Stages.Review => new(ProgressStep.Received,
                $"您的申请已在{window}受理，社区通办专员正在核对材料。",
                $"核对后转交您户籍所在地{f.TownshipName}办理。", by, toBring, pickUp),
            Stages.SignFor => new(ProgressStep.AtTownship,
                $"材料已转交{f.TownshipName}便民服务中心，等待签收。",
                $"{f.TownshipName}签收后审查是否受理；需要补充材料的，会一次性告知您全部所需材料。", by, toBring, pickUp),
            Stages.Accept => new(ProgressStep.AtTownship,
                $"{f.TownshipName}便民服务中心已签收，正在审查是否受理。",
                "审查通过后开始办理；需要补充材料的，会一次性告知您全部所需材料。", by, toBring, pickUp),
            Stages.Handle => TownshipHandling(f, by, toBring, pickUp),
            _ => ByNode(f, state, window, by, toBring, pickUp),
        };
    }

    /// <summary>
    /// States no step of people tells (并联办理's fork and join, a 公示 timer, a decision node), in plain words from what
    /// they are: a 公示 timer, the township's work with the assisting units' opinions awaited, a result on its way back.
    /// </summary>
    private static ResidentProgress ByNode(ProgressFacts f, StateTraits? state, string window, string? by, List<ThingToBring> toBring, string pickUp)
    {
        if (state?.AutomaticKind == "timer")
        {
            return new(ProgressStep.Handling, $"{f.TownshipName}已审核，正在依规公示{(f.WaitUntil is { } w ? $"（公示期至{w:yyyy年M月d日}）" : "")}。",
                $"公示期满后由{f.TownshipName}作出决定。", by, toBring, pickUp);
        }

        if (f.Decided) return Decided(window, toBring, pickUp);

        if (state?.HeldBy == PostRole.BackOffice || state?.AutomaticKind is "join" or "fork") return TownshipHandling(f, by, toBring, pickUp);

        return new(ProgressStep.Handling, $"正在{window}办理。", "办结后即可到窗口领取结果。", by, toBring, pickUp);
    }

    private static ResidentProgress Decided(string window, List<ThingToBring> toBring, string pickUp) =>
        new(ProgressStep.Decided, $"已办结，办理结果正在送回{window}。", "结果到达窗口后即可领取。", null, toBring, pickUp);

    /// <summary>The township handles the case; in 并联办理, the assisting units whose opinions are awaited are named.</summary>
    private static ResidentProgress TownshipHandling(ProgressFacts f, string? by, List<ThingToBring> toBring, string pickUp)
    {
        var units = f.AwaitedUnits.Count > 0 ? string.Join("、", f.AwaitedUnits) : null;
        return new(ProgressStep.Handling,
            units is null ? $"{f.TownshipName}已受理，正在办理。" : $"{f.TownshipName}已受理，正在办理；{units}同时出具意见（并联办理）。",
            "办结后结果送回受理窗口。", by, toBring, pickUp);
    }

    private static string DeliveryWords(DeliveryMethod? method) => method switch
    {
        DeliveryMethod.Post => "邮寄送达",
        DeliveryMethod.Home => "送达上门",
        _ => "窗口领取",
    };
}
