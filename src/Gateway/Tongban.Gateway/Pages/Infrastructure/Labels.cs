using Tongban.Workflows.Catalog;
using Tongban.Workflows.Cases;

namespace Tongban.Gateway.Pages.Infrastructure;

/// <summary>Chinese labels for enums the pages show (states and actions have theirs in the domain).</summary>
public static class PageLabels
{
    public static string Mode(CaseMode mode) => mode switch
    {
        CaseMode.OnlineEndToEnd => "全程网办",
        CaseMode.ProxyIntake => "异地代收代办",
        CaseMode.MultiSite => "多地联办",
        _ => mode.ToString(),
    };

    public static string Channel(CaseChannel channel) => channel switch
    {
        CaseChannel.Window => "窗口受理",
        CaseChannel.DoorToDoor => "上门代办",
        CaseChannel.Online => "网上办（工作人员回访）",
        _ => channel.ToString(),
    };

    public static string ItemType(ItemType type) => type switch
    {
        Workflows.Catalog.ItemType.Immediate => "即办件",
        Workflows.Catalog.ItemType.Promised => "承诺件",
        _ => type.ToString(),
    };

    /// <summary>The read models' words (the timeline says the same).</summary>
    public static string Delivery(DeliveryMethod method) => UseCases.Cases.CaseLabels.Delivery(method);

    /// <summary>"15 个工作日" or "即办（当个工作日办结）".</summary>
    public static string Limit(int workingDays) => workingDays == 0 ? "即办（当个工作日办结）" : $"{workingDays} 个工作日";

    public static string Stage(string stage) => stage switch
    {
        "signFor" => "签收",
        "accept" => "受理",
        "handle" => "办理",
        _ => stage,
    };
}
