using Tongban.Workflows.Cases;

namespace Tongban.Workflows.Definitions;

/// <summary>
/// The route templates a catalogue item can name. A template expands into a <see cref="WorkflowDefinition"/>
/// that is stored as data with the item version; the runtime only ever interprets the stored definition.
/// </summary>
public static class Routes
{
    public const string CrossJurisdiction = "cross-jurisdiction";
    public const string WindowImmediate = "window-immediate";

    public static IReadOnlyList<string> All { get; } = [CrossJurisdiction, WindowImmediate];

    public static WorkflowDefinition Build(string route, string itemCode, int itemVersion) => route switch
    {
        CrossJurisdiction => new(WorkflowDefinition.IdFor(itemCode, itemVersion), itemCode, itemVersion, route, CrossJurisdictionStates, WithWithdrawal(CrossJurisdictionStates, CrossJurisdictionTransitions)),
        WindowImmediate => new(WorkflowDefinition.IdFor(itemCode, itemVersion), itemCode, itemVersion, route, WindowImmediateStates, WithWithdrawal(WindowImmediateStates, WindowImmediateTransitions)),
        _ => throw new ArgumentException($"Unknown route '{route}'. Known routes: {string.Join(", ", All)}.", nameof(route)),
    };

    /// <summary>Until it is decided, a case can be withdrawn (视为撤回) by the timer from any state, in transit too.</summary>
    private static TransitionDefinition[] WithWithdrawal(StateDefinition[] states, TransitionDefinition[] transitions) =>
    [
        .. transitions,
        .. states.Where(s => !s.IsFinal && !DecidedStates.Contains(s.Name)).Select(s => new TransitionDefinition(CaseAction.Withdraw, s.Name, CaseStates.Withdrawn, null)),
    ];

    private static readonly HashSet<string> DecidedStates = [CaseStates.Decided, CaseStates.AwaitingDelivery, CaseStates.Delivered, CaseStates.Evaluated];

    /// <summary>The state a definition starts in: the target of its Intake transition.</summary>
    public static string InitialState(this WorkflowDefinition definition) =>
        definition.Transitions.Single(t => t.Action == CaseAction.Intake).To;

    private static readonly StateDefinition[] Tail =
    [
        new(CaseStates.AwaitingDelivery, "待交付", PostRole.WindowClerk),
        new(CaseStates.Delivered, "已交付·待评价", PostRole.WindowClerk),
        new(CaseStates.Evaluated, "已评价·待归档", PostRole.WindowClerk),
        new(CaseStates.Archived, "已归档", null, IsFinal: true),
        new(CaseStates.Withdrawn, "视为撤回", null, IsFinal: true),
    ];

    private static readonly TransitionDefinition[] TailTransitions =
    [
        new(CaseAction.Deliver, CaseStates.AwaitingDelivery, CaseStates.Delivered, PostRole.WindowClerk),
        new(CaseAction.Evaluate, CaseStates.Delivered, CaseStates.Evaluated, PostRole.WindowClerk),
        // Evaluation is voluntary (好差评 is the resident's choice), so a delivered case may be archived without it.
        new(CaseAction.Archive, CaseStates.Delivered, CaseStates.Archived, PostRole.WindowClerk),
        new(CaseAction.Archive, CaseStates.Evaluated, CaseStates.Archived, PostRole.WindowClerk),
    ];

    private static readonly StateDefinition[] CrossJurisdictionStates =
    [
        new(CaseStates.Submitted, "已接件·移交通办专员", null),
        new(CaseStates.AtSpecialist, "通办专员审核", PostRole.Specialist),
        new(CaseStates.ForwardedToTownship, "已转户籍乡镇", null),
        new(CaseStates.AwaitingSignFor, "待签收", PostRole.BackOffice),
        new(CaseStates.SignedFor, "已签收·待受理", PostRole.BackOffice),
        new(CaseStates.ReturnedForCorrection, "退回补正·移交窗口", null),
        new(CaseStates.AwaitingCorrection, "待补正", PostRole.WindowClerk),
        new(CaseStates.Resubmitted, "已补正·移交乡镇", null),
        new(CaseStates.Accepted, "已受理·待办理", PostRole.BackOffice),
        new(CaseStates.Handling, "办理中", PostRole.BackOffice),
        new(CaseStates.Decided, "已办结·结果回传", null),
        .. Tail,
    ];

    private static readonly TransitionDefinition[] CrossJurisdictionTransitions =
    [
        new(CaseAction.Intake, CaseStates.None, CaseStates.Submitted, PostRole.WindowClerk, HandOffTo: PostRole.Specialist),
        new(CaseAction.Receive, CaseStates.Submitted, CaseStates.AtSpecialist, null),
        new(CaseAction.Forward, CaseStates.AtSpecialist, CaseStates.ForwardedToTownship, PostRole.Specialist, HandOffTo: PostRole.BackOffice),
        new(CaseAction.Receive, CaseStates.ForwardedToTownship, CaseStates.AwaitingSignFor, null),
        new(CaseAction.SignFor, CaseStates.AwaitingSignFor, CaseStates.SignedFor, PostRole.BackOffice),
        new(CaseAction.Accept, CaseStates.SignedFor, CaseStates.Accepted, PostRole.BackOffice),
        new(CaseAction.ReturnForCorrection, CaseStates.SignedFor, CaseStates.ReturnedForCorrection, PostRole.BackOffice, HandOffTo: PostRole.WindowClerk),
        new(CaseAction.Receive, CaseStates.ReturnedForCorrection, CaseStates.AwaitingCorrection, null),
        new(CaseAction.Resubmit, CaseStates.AwaitingCorrection, CaseStates.Resubmitted, PostRole.WindowClerk, HandOffTo: PostRole.BackOffice),
        // A corrected case is handed off again, so the township signs for it again (sign-for limits apply anew).
        new(CaseAction.Receive, CaseStates.Resubmitted, CaseStates.AwaitingSignFor, null),
        new(CaseAction.Handle, CaseStates.Accepted, CaseStates.Handling, PostRole.BackOffice),
        new(CaseAction.Decide, CaseStates.Handling, CaseStates.Decided, PostRole.BackOffice, HandOffTo: PostRole.WindowClerk),
        new(CaseAction.Receive, CaseStates.Decided, CaseStates.AwaitingDelivery, null),
        .. TailTransitions,
    ];

    private static readonly StateDefinition[] WindowImmediateStates =
    [
        new(CaseStates.Handling, "窗口即办", PostRole.WindowClerk),
        .. Tail,
    ];

    private static readonly TransitionDefinition[] WindowImmediateTransitions =
    [
        new(CaseAction.Intake, CaseStates.None, CaseStates.Handling, PostRole.WindowClerk),
        new(CaseAction.Decide, CaseStates.Handling, CaseStates.AwaitingDelivery, PostRole.WindowClerk),
        .. TailTransitions,
    ];
}
