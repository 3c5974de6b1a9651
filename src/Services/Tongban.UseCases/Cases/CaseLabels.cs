using Tongban.Workflows.Cases;
using Tongban.Workflows.Definitions;

namespace Tongban.UseCases.Cases;

/// <summary>Words the read models put on states, actors and journal values (states and actions have theirs in the domain).</summary>
public static class CaseLabels
{
    /// <summary>好差评 is confidential: neither the rater nor the clerk who recorded it is shown (the audit trail keeps who).</summary>
    public const string ConfidentialActorId = "confidential";

    public const string ConfidentialActorName = "（保密）";

    /// <summary>A hand-off received by a jurisdiction's node (actor <c>node:NAME</c>).</summary>
    public const string SystemActorName = "系统（移交接收）";

    public static bool IsSystemActor(string actorId) => actorId.StartsWith("node:", StringComparison.Ordinal);

    public static string State(WorkflowDefinition definition, string state) =>
        state == CaseStates.None ? "未接件" : definition.States.FirstOrDefault(s => s.Name == state)?.Label ?? state;

    public static string Delivery(DeliveryMethod method) => method switch
    {
        DeliveryMethod.Window => "窗口领取",
        DeliveryMethod.Post => "邮寄送达",
        DeliveryMethod.Home => "送达上门",
        _ => method.ToString(),
    };
}
