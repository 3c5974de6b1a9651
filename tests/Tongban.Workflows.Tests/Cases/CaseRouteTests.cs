using System.Text.Json;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Catalog;
using Tongban.Workflows.Definitions;

using Tongban.Workflows.Tests.Routes;

namespace Tongban.Workflows.Tests.Cases;

/// <summary>
/// The route of a case (接件 — 办理 — 办结, DOMAIN.md): who may take which action in which state. A case handed
/// in at the dongmen community window for a resident registered in the hexi township.
/// </summary>
public class CaseRouteTests
{
    private const string Dongmen = "dongmen";
    private const string Hexi = "hexi";

    private static readonly CaseLocation Location = new(Dongmen, Hexi);

    private static readonly WorkflowDefinition Cross = RouteSamples.Definition("cross-jurisdiction", "T-1", 1);

    private static readonly PostAssignment ClerkPost = new("post-window-dongmen", Dongmen, PostRole.WindowClerk);
    private static readonly PostAssignment SpecialistPost = new("post-specialist-dongmen", Dongmen, PostRole.Specialist);
    private static readonly PostAssignment BackOfficePost = new("post-backoffice-hexi", Hexi, PostRole.BackOffice);

    private static readonly Actor Clerk = new("u-clerk", "窗口王", [ClerkPost]);
    private static readonly Actor Specialist = new("u-specialist", "专员李", [SpecialistPost]);
    private static readonly Actor BackOffice = new("u-backoffice", "后台张", [BackOfficePost]);

    /// <summary>Actors by a short key, so theory rows stay serializable.</summary>
    private static Actor ActorFor(string key) => key switch
    {
        "clerk" => Clerk,
        "specialist" => Specialist,
        "backoffice" => BackOffice,
        "node-clerk" => Actor.Node("dongmen-node", ClerkPost),
        "node-specialist" => Actor.Node("dongmen-node", SpecialistPost),
        "node-backoffice" => Actor.Node("hexi-node", BackOfficePost),
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, null),
    };

    private static PostAssignment PostFor(string key) => key switch
    {
        "clerk" or "node-clerk" => ClerkPost,
        "specialist" or "node-specialist" => SpecialistPost,
        "backoffice" or "node-backoffice" => BackOfficePost,
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, null),
    };

    private static TransitionDecision.Allowed AssertAllowed(TransitionDecision decision, string context = "")
    {
        var refusal = decision as TransitionDecision.Refused;
        Assert.True(refusal is null, $"{context}expected Allowed, got {refusal?.Kind}: {refusal?.Reason}");
        return Assert.IsType<TransitionDecision.Allowed>(decision);
    }

    private static TransitionDecision.Refused AssertRefused(TransitionDecision decision, RefusalKind kind)
    {
        var refused = Assert.IsType<TransitionDecision.Refused>(decision);
        Assert.Equal(kind, refused.Kind);
        Assert.False(string.IsNullOrWhiteSpace(refused.Reason));
        return refused;
    }

    [Fact]
    public void Window_clerk_of_the_intake_community_takes_in_the_case_and_hands_it_to_the_specialist()
    {
        var decision = CaseRoute.Decide(Cross, CaseStates.None, Location, CaseAction.Intake, Clerk);

        var allowed = AssertAllowed(decision);
        Assert.Equal(PilotStates.Submitted, allowed.Transition.To);
        Assert.Equal(PostRole.Specialist, allowed.Transition.HandOffTo);
        Assert.Equal(ClerkPost, allowed.AtPost);
        Assert.Equal(PilotStates.Submitted, Cross.InitialState());
    }

    /// <summary>The whole route, with one correction loop, in order: (step, state, action, who) → next state.</summary>
    public static TheoryData<int, string, CaseAction, string, string> HappyPath => new()
    {
        { 1, CaseStates.None, CaseAction.Intake, "clerk", PilotStates.Submitted },
        { 2, PilotStates.Submitted, CaseAction.Receive, "node-specialist", PilotStates.AtSpecialist },
        { 3, PilotStates.AtSpecialist, CaseAction.Forward, "specialist", PilotStates.ForwardedToTownship },
        { 4, PilotStates.ForwardedToTownship, CaseAction.Receive, "node-backoffice", PilotStates.AwaitingSignFor },
        { 5, PilotStates.AwaitingSignFor, CaseAction.SignFor, "backoffice", PilotStates.SignedFor },
        // 退回补正 — the correction loop, back to the intake window and again to the township to sign for.
        { 6, PilotStates.SignedFor, CaseAction.ReturnForCorrection, "backoffice", PilotStates.ReturnedForCorrection },
        { 7, PilotStates.ReturnedForCorrection, CaseAction.Receive, "node-clerk", PilotStates.AwaitingCorrection },
        { 8, PilotStates.AwaitingCorrection, CaseAction.Resubmit, "clerk", PilotStates.Resubmitted },
        { 9, PilotStates.Resubmitted, CaseAction.Receive, "node-backoffice", PilotStates.AwaitingSignFor },
        { 10, PilotStates.AwaitingSignFor, CaseAction.SignFor, "backoffice", PilotStates.SignedFor },
        { 11, PilotStates.SignedFor, CaseAction.Accept, "backoffice", PilotStates.Accepted },
        { 12, PilotStates.Accepted, CaseAction.Handle, "backoffice", PilotStates.Handling },
        { 13, PilotStates.Handling, CaseAction.Decide, "backoffice", PilotStates.Decided },
        { 14, PilotStates.Decided, CaseAction.Receive, "node-clerk", PilotStates.AwaitingDelivery },
        { 15, PilotStates.AwaitingDelivery, CaseAction.Deliver, "clerk", PilotStates.Delivered },
        { 16, PilotStates.Delivered, CaseAction.Evaluate, "clerk", PilotStates.Evaluated },
        { 17, PilotStates.Evaluated, CaseAction.Archive, "clerk", PilotStates.Archived },
    };

    [Theory]
    [MemberData(nameof(HappyPath))]
    public void Each_step_of_the_route_is_allowed_to_its_post_and_leads_to_the_next_state(int step, string state, CaseAction action, string who, string expectedNext)
    {
        var decision = CaseRoute.Decide(Cross, state, Location, action, ActorFor(who));

        var allowed = AssertAllowed(decision, $"step {step}: ");
        Assert.Equal(action, allowed.Transition.Action);
        Assert.Equal(state, allowed.Transition.From);
        Assert.Equal(expectedNext, allowed.Transition.To);
        Assert.Equal(PostFor(who), allowed.AtPost);
    }

    [Fact]
    public void The_route_can_be_walked_end_to_end_and_ends_in_a_final_state()
    {
        var state = CaseStates.None;
        var steps = 0;
        foreach (var row in HappyPath)
        {
            Assert.Equal(++steps, (int)row[0]);
            var (from, action, who, expectedNext) = ((string)row[1], (CaseAction)row[2], (string)row[3], (string)row[4]);
            Assert.Equal(from, state);
            var allowed = AssertAllowed(CaseRoute.Decide(Cross, state, Location, action, ActorFor(who)));
            Assert.Equal(expectedNext, allowed.Transition.To);
            state = allowed.Transition.To;
        }

        Assert.Equal(PilotStates.Archived, state);
        Assert.True(Cross.State(state).IsFinal);
        Assert.Empty(Cross.From(state));
    }

    [Fact]
    public void Every_hand_off_names_the_post_that_holds_the_case_once_it_is_received()
    {
        var handOffs = Cross.Transitions.Where(t => t.HandOffTo is not null).ToList();
        // Intake → specialist, forward → township, return → window, resubmit → township, decide → window.
        Assert.Equal(5, handOffs.Count);

        foreach (var handOff in handOffs)
        {
            var inTransit = Cross.State(handOff.To);
            Assert.True(inTransit.InTransit, $"{handOff.Action} hands off, so {handOff.To} must be in transit (held by nobody)");

            var receive = Assert.Single(Cross.From(handOff.To), t => t.Action != CaseAction.Withdraw);
            Assert.Equal(CaseAction.Receive, receive.Action);
            Assert.Null(receive.By);
            Assert.Equal(handOff.HandOffTo, Cross.State(receive.To).HeldBy);
        }
    }

    [Fact]
    public void Only_hand_off_targets_are_in_transit_and_only_a_node_moves_them()
    {
        var handOffTargets = Cross.Transitions.Where(t => t.HandOffTo is not null).Select(t => t.To).ToHashSet();
        foreach (var state in Cross.States)
        {
            Assert.Equal(handOffTargets.Contains(state.Name), state.InTransit);
        }

        foreach (var t in Cross.Transitions)
        {
            Assert.Equal(t.Action is CaseAction.Receive or CaseAction.Withdraw, t.By is null);
        }
    }

    [Theory]
    [InlineData(CaseStates.None, CaseAction.Intake, PostRole.WindowClerk)]
    [InlineData(PilotStates.AtSpecialist, CaseAction.Forward, PostRole.Specialist)]
    [InlineData(PilotStates.AwaitingCorrection, CaseAction.Resubmit, PostRole.WindowClerk)]
    [InlineData(PilotStates.AwaitingDelivery, CaseAction.Deliver, PostRole.WindowClerk)]
    public void Staff_of_another_community_may_not_act_on_the_case(string state, CaseAction action, PostRole role)
    {
        var stranger = new Actor("u-x", "别社区", [new PostAssignment("post-ximen", "ximen", role)]);

        AssertRefused(CaseRoute.Decide(Cross, state, Location, action, stranger), RefusalKind.NotYourPost);
    }

    [Theory]
    [InlineData(PilotStates.AwaitingSignFor, CaseAction.SignFor)]
    [InlineData(PilotStates.SignedFor, CaseAction.Accept)]
    [InlineData(PilotStates.SignedFor, CaseAction.ReturnForCorrection)]
    [InlineData(PilotStates.Handling, CaseAction.Decide)]
    public void Back_office_of_another_township_may_not_act_on_the_case(string state, CaseAction action)
    {
        var stranger = new Actor("u-y", "别乡镇", [new PostAssignment("post-hedong", "hedong", PostRole.BackOffice)]);

        AssertRefused(CaseRoute.Decide(Cross, state, Location, action, stranger), RefusalKind.NotYourPost);
    }

    [Fact]
    public void A_back_office_post_in_the_intake_community_id_does_not_count_for_the_registration_township()
    {
        // The case's township side is hexi; a back-office post whose jurisdiction happens to be the community is not it.
        var confused = new Actor("u-z", "错配", [new PostAssignment("post-z", Dongmen, PostRole.BackOffice)]);

        AssertRefused(CaseRoute.Decide(Cross, PilotStates.AwaitingSignFor, Location, CaseAction.SignFor, confused), RefusalKind.NotYourPost);
    }

    [Fact]
    public void The_intake_clerk_may_not_do_the_specialists_forward()
    {
        var refused = AssertRefused(CaseRoute.Decide(Cross, PilotStates.AtSpecialist, Location, CaseAction.Forward, Clerk), RefusalKind.NotYourPost);

        Assert.Contains("通办专员", refused.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PilotStates.AwaitingSignFor, CaseAction.SignFor, "specialist")]
    [InlineData(PilotStates.SignedFor, CaseAction.Accept, "clerk")]
    [InlineData(PilotStates.Handling, CaseAction.Decide, "clerk")] // the intake window never decides on the merits
    [InlineData(PilotStates.Handling, CaseAction.Decide, "specialist")]
    [InlineData(PilotStates.AwaitingDelivery, CaseAction.Deliver, "backoffice")]
    public void Right_jurisdiction_but_wrong_role_is_not_your_post(string state, CaseAction action, string who)
    {
        AssertRefused(CaseRoute.Decide(Cross, state, Location, action, ActorFor(who)), RefusalKind.NotYourPost);
    }

    [Fact]
    public void A_staff_member_holding_several_posts_acts_at_the_one_the_step_needs()
    {
        var both = new Actor("u-both", "兼岗", [ClerkPost, SpecialistPost]);

        var allowed = AssertAllowed(CaseRoute.Decide(Cross, PilotStates.AtSpecialist, Location, CaseAction.Forward, both));

        Assert.Equal(SpecialistPost, allowed.AtPost);
    }

    [Fact]
    public void The_B_holder_of_a_post_acts_with_its_authority_and_the_decision_records_it()
    {
        var backupPost = BackOfficePost with { AsBackup = true };
        var backup = new Actor("u-b", "B岗", [backupPost]);

        var allowed = AssertAllowed(CaseRoute.Decide(Cross, PilotStates.AwaitingSignFor, Location, CaseAction.SignFor, backup));

        Assert.True(allowed.AtPost.AsBackup);
        Assert.Equal(BackOfficePost.PostId, allowed.AtPost.PostId);
    }

    [Fact]
    public void Accepting_a_case_not_yet_signed_for_is_refused_naming_the_state_and_what_can_be_done()
    {
        var refused = AssertRefused(CaseRoute.Decide(Cross, PilotStates.AwaitingSignFor, Location, CaseAction.Accept, BackOffice), RefusalKind.IllegalTransition);

        Assert.Contains("待签收", refused.Reason, StringComparison.Ordinal);
        Assert.Contains("受理", refused.Reason, StringComparison.Ordinal);
        // The allowed action 签收 is named apart from the state label 待签收 that also contains it.
        Assert.Contains("签收", refused.Reason.Replace("待签收", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Archiving_a_case_still_at_the_specialist_is_refused_naming_the_state_and_the_allowed_action()
    {
        var refused = AssertRefused(CaseRoute.Decide(Cross, PilotStates.AtSpecialist, Location, CaseAction.Archive, Clerk), RefusalKind.IllegalTransition);

        Assert.Contains("通办专员审核", refused.Reason, StringComparison.Ordinal);
        Assert.Contains("归档", refused.Reason, StringComparison.Ordinal);
        Assert.Contains("审核转办", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Acting_before_intake_is_refused_with_the_not_yet_taken_in_label()
    {
        var refused = AssertRefused(CaseRoute.Decide(Cross, CaseStates.None, Location, CaseAction.Forward, Specialist), RefusalKind.IllegalTransition);

        Assert.Contains("未接件", refused.Reason, StringComparison.Ordinal);
        Assert.Contains("接件", refused.Reason.Replace("未接件", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PilotStates.AwaitingSignFor, CaseAction.Accept, "backoffice")]
    [InlineData(PilotStates.AwaitingSignFor, CaseAction.Handle, "backoffice")]
    [InlineData(PilotStates.AtSpecialist, CaseAction.Archive, "clerk")]
    [InlineData(PilotStates.Accepted, CaseAction.Decide, "backoffice")] // decide only while handling
    [InlineData(PilotStates.AwaitingCorrection, CaseAction.Accept, "backoffice")] // not before the correction comes back
    [InlineData(PilotStates.AwaitingDelivery, CaseAction.Archive, "clerk")] // archive only after delivery
    [InlineData(PilotStates.AwaitingDelivery, CaseAction.Evaluate, "clerk")] // evaluate only after delivery
    [InlineData(PilotStates.Evaluated, CaseAction.Evaluate, "clerk")] // evaluated once
    [InlineData(PilotStates.Archived, CaseAction.Deliver, "clerk")] // closed
    [InlineData(PilotStates.Submitted, CaseAction.Forward, "specialist")] // in transit, not yet received
    [InlineData(PilotStates.Decided, CaseAction.Deliver, "clerk")] // result not yet back at the window
    public void Actions_that_do_not_fit_the_state_are_illegal_transitions(string state, CaseAction action, string who)
    {
        AssertRefused(CaseRoute.Decide(Cross, state, Location, action, ActorFor(who)), RefusalKind.IllegalTransition);
    }

    [Theory]
    [InlineData(PilotStates.Submitted, "specialist")]
    [InlineData(PilotStates.ForwardedToTownship, "backoffice")]
    [InlineData(PilotStates.ReturnedForCorrection, "clerk")]
    [InlineData(PilotStates.Resubmitted, "backoffice")]
    [InlineData(PilotStates.Decided, "clerk")]
    public void Staff_may_not_receive_a_hand_off_only_the_node_does(string inTransitState, string who)
    {
        AssertRefused(CaseRoute.Decide(Cross, inTransitState, Location, CaseAction.Receive, ActorFor(who)), RefusalKind.IllegalTransition);
    }

    [Theory]
    [InlineData(PilotStates.AtSpecialist, CaseAction.Forward, "node-specialist")]
    [InlineData(PilotStates.AwaitingSignFor, CaseAction.SignFor, "node-backoffice")]
    [InlineData(PilotStates.Handling, CaseAction.Decide, "node-backoffice")]
    [InlineData(CaseStates.None, CaseAction.Intake, "node-clerk")]
    [InlineData(PilotStates.AwaitingDelivery, CaseAction.Deliver, "node-clerk")]
    public void A_system_node_may_not_take_a_staff_action(string state, CaseAction action, string node)
    {
        AssertRefused(CaseRoute.Decide(Cross, state, Location, action, ActorFor(node)), RefusalKind.IllegalTransition);
    }

    [Theory]
    [InlineData(PilotStates.Submitted, "node-specialist", PilotStates.AtSpecialist)]
    [InlineData(PilotStates.ForwardedToTownship, "node-backoffice", PilotStates.AwaitingSignFor)]
    [InlineData(PilotStates.ReturnedForCorrection, "node-clerk", PilotStates.AwaitingCorrection)]
    [InlineData(PilotStates.Resubmitted, "node-backoffice", PilotStates.AwaitingSignFor)]
    [InlineData(PilotStates.Decided, "node-clerk", PilotStates.AwaitingDelivery)]
    public void A_node_receives_a_hand_off_for_the_post_it_is_addressed_to(string inTransitState, string node, string expectedNext)
    {
        var allowed = AssertAllowed(CaseRoute.Decide(Cross, inTransitState, Location, CaseAction.Receive, ActorFor(node)));

        Assert.Equal(expectedNext, allowed.Transition.To);
        Assert.Equal(PostFor(node), allowed.AtPost);
    }

    [Theory]
    [InlineData(PilotStates.Submitted, "node-clerk")] // addressed to the specialist, not the window
    [InlineData(PilotStates.Decided, "node-specialist")] // addressed to the window, not the specialist
    public void A_node_may_not_receive_for_another_post(string inTransitState, string node)
    {
        AssertRefused(CaseRoute.Decide(Cross, inTransitState, Location, CaseAction.Receive, ActorFor(node)), RefusalKind.NotYourPost);
    }

    [Fact]
    public void A_node_of_another_township_may_not_receive_the_case()
    {
        var otherNode = Actor.Node("hedong-node", new PostAssignment("post-backoffice-hedong", "hedong", PostRole.BackOffice));

        AssertRefused(CaseRoute.Decide(Cross, PilotStates.ForwardedToTownship, Location, CaseAction.Receive, otherNode), RefusalKind.NotYourPost);
    }

    [Theory]
    [InlineData(PilotStates.Delivered)] // evaluation is voluntary
    [InlineData(PilotStates.Evaluated)]
    public void Archive_is_allowed_after_delivery_with_or_without_evaluation(string state)
    {
        var allowed = AssertAllowed(CaseRoute.Decide(Cross, state, Location, CaseAction.Archive, Clerk));

        Assert.Equal(PilotStates.Archived, allowed.Transition.To);
    }

    [Fact]
    public void Window_immediate_route_is_handled_and_decided_at_the_window_without_any_hand_off()
    {
        var immediate = RouteSamples.Definition("window-immediate", "T-2", 1);

        Assert.All(immediate.Transitions, t => Assert.Null(t.HandOffTo));
        Assert.DoesNotContain(immediate.States, s => s.InTransit);
        Assert.DoesNotContain(immediate.Transitions, t => t.Action == CaseAction.Receive);

        var intake = AssertAllowed(CaseRoute.Decide(immediate, CaseStates.None, Location, CaseAction.Intake, Clerk));
        Assert.Equal(PilotStates.Handling, intake.Transition.To);
        Assert.Equal(PilotStates.Handling, immediate.InitialState());

        var decide = AssertAllowed(CaseRoute.Decide(immediate, PilotStates.Handling, Location, CaseAction.Decide, Clerk));
        Assert.Equal(PilotStates.AwaitingDelivery, decide.Transition.To);
        Assert.Equal(ClerkPost, decide.AtPost);

        // Nothing goes to the township: its back office has nothing to do on this route.
        AssertRefused(CaseRoute.Decide(immediate, PilotStates.Handling, Location, CaseAction.Decide, BackOffice), RefusalKind.NotYourPost);
    }

    [Fact]
    public void A_definition_is_named_by_item_and_version_and_records_its_route()
    {
        Assert.Equal("T-1", Cross.ItemCode);
        Assert.Equal(1, Cross.ItemVersion);
        Assert.Equal("cross-jurisdiction", Cross.Route);
        Assert.NotEqual(RouteSamples.Definition("cross-jurisdiction", "T-1", 2).Id, Cross.Id);
        Assert.NotEqual(RouteSamples.Definition("cross-jurisdiction", "T-9", 1).Id, Cross.Id);
    }

    public static TheoryData<string> AllRoutes => new(RouteSamples.ShippedIds);

    [Theory]
    [MemberData(nameof(AllRoutes))]
    public void A_definition_survives_a_json_round_trip_and_decides_the_same(string route)
    {
        var original = RouteSamples.Definition(route, "T-1", 3);

        var json = JsonSerializer.Serialize(original, CatalogFile.Json);
        var copy = JsonSerializer.Deserialize<WorkflowDefinition>(json, CatalogFile.Json);

        Assert.NotNull(copy);
        Assert.Equal(original.Id, copy.Id);
        Assert.Equal(original.ItemCode, copy.ItemCode);
        Assert.Equal(original.ItemVersion, copy.ItemVersion);
        Assert.Equal(original.Route, copy.Route);
        Assert.Equal(original.States, copy.States);
        Assert.Equal(original.Transitions, copy.Transitions);
        Assert.Equal(original.BranchTasks, copy.BranchTasks);
        // Enums are stored by name, so reordering an enum never changes stored definitions.
        Assert.Contains("\"WindowClerk\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Intake\"", json, StringComparison.Ordinal);

        string[] everyone = ["clerk", "specialist", "backoffice", "node-clerk", "node-specialist", "node-backoffice"];
        var states = original.States.Select(s => s.Name).Prepend(CaseStates.None).ToList();
        var checkedAllowed = 0;
        foreach (var state in states)
        {
            foreach (var action in Enum.GetValues<CaseAction>())
            {
                foreach (var who in everyone)
                {
                    var expected = CaseRoute.Decide(original, state, Location, action, ActorFor(who));
                    var actual = CaseRoute.Decide(copy, state, Location, action, ActorFor(who));
                    Assert.Equal(expected, actual);
                    if (expected is TransitionDecision.Allowed && action != CaseAction.Withdraw) checkedAllowed++;
                }
            }
        }

        // Every route transition is allowed to exactly one of these actors (withdrawal is the timer's, at any post);
        // a decision's edges count once (which one is taken depends on the case's fact, not on who asks).
        Assert.Equal(original.Transitions.Where(t => t.Action != CaseAction.Withdraw).Select(t => (t.Action, t.From)).Distinct().Count(), checkedAllowed);
    }

    [Fact]
    public void Until_the_decision_only_the_timer_may_withdraw_a_case_in_any_state_in_transit_too()
    {
        string[] undecided = [PilotStates.Submitted, PilotStates.AtSpecialist, PilotStates.ForwardedToTownship, PilotStates.AwaitingSignFor, PilotStates.SignedFor, PilotStates.ReturnedForCorrection, PilotStates.AwaitingCorrection, PilotStates.Resubmitted, PilotStates.Accepted, PilotStates.Handling];
        string[] decided = [PilotStates.Decided, PilotStates.AwaitingDelivery, PilotStates.Delivered, PilotStates.Evaluated, PilotStates.Archived, PilotStates.Withdrawn];
        var timer = Actor.Node("timer", new PostAssignment("dongmen-window", "dongmen", PostRole.WindowClerk));
        var clerk = new Actor("u-c", "窗口", [new PostAssignment("dongmen-window", "dongmen", PostRole.WindowClerk)]);

        foreach (var state in undecided)
        {
            var allowed = Assert.IsType<TransitionDecision.Allowed>(CaseRoute.Decide(Cross, state, Location, CaseAction.Withdraw, timer));
            Assert.Equal(PilotStates.Withdrawn, allowed.Transition.To);
            AssertRefused(CaseRoute.Decide(Cross, state, Location, CaseAction.Withdraw, clerk), RefusalKind.IllegalTransition);
        }

        foreach (var state in decided)
        {
            AssertRefused(CaseRoute.Decide(Cross, state, Location, CaseAction.Withdraw, timer), RefusalKind.IllegalTransition);
        }

        Assert.True(Cross.State(PilotStates.Withdrawn).IsFinal);
    }
}
