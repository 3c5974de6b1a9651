using System.Text.Json.Nodes;
using Tongban.Workflows.Routes;

namespace Tongban.Workflows.Tests.Routes;

/// <summary>The route validator: good routes pass; each bad route is refused with the node at fault named.</summary>
public class RouteValidatorTests
{
    [Theory]
    [InlineData("cross-jurisdiction")]
    [InlineData("window-immediate")]
    public void The_shipped_routes_are_valid(string id) =>
        Assert.Empty(RouteValidator.Validate(RouteSamples.Shipped(id), RouteVocabulary.None));

    [Fact]
    public void A_parallel_route_with_fork_join_timer_and_decision_is_valid() =>
        Assert.Empty(RouteSamples.ParallelJson().Validate());

    [Fact]
    public void A_task_without_steps_is_refused() =>
        AssertRefused(Cross(r => r.NodeOf("Accepted").Remove("steps")), "Accepted", "at least one step kind");

    [Fact]
    public void A_task_without_a_participant_is_refused() =>
        AssertRefused(Cross(r => r.NodeOf("Handling").Remove("participant")), "Handling", "participant: required");

    [Fact]
    public void An_unknown_step_kind_is_refused() =>
        AssertRefused(Cross(r => r.NodeOf("Accepted")["steps"] = new JsonArray("handle", "teleport")), "Accepted", "unknown step kind 'teleport'");

    [Theory]
    [InlineData("township")]
    [InlineData("department:gaj")] // not a department the county has
    [InlineData("department:")]
    public void An_unknown_participant_is_refused(string participant) =>
        AssertRefused(Cross(r => r.NodeOf("SignedFor")["participant"] = participant), "SignedFor", $"unknown participant '{participant}'");

    [Fact]
    public void A_county_department_the_county_has_is_a_known_participant()
    {
        var route = RouteSamples.ParallelJson();

        Assert.Empty(route.Validate());
        Assert.Contains(RouteValidator.Validate(RouteFile.Parse(route.ToJsonString()), RouteVocabulary.None), e => e.Node == "CjlOpinion" && e.Message.Contains("unknown participant", StringComparison.Ordinal));
    }

    [Fact]
    public void A_node_name_used_twice_is_refused() =>
        AssertRefused(Cross(r => r.AddNode("""{ "id": "Accepted", "kind": "task", "participant": "registrationTownship", "steps": ["handle"], "label": "重复" }""")), "Accepted", "more than once");

    [Fact]
    public void A_transit_state_named_like_a_node_is_refused() =>
        AssertRefused(Cross(r => r.EdgeOf("Handling", "AwaitingDelivery")["transit"]!["state"] = "Accepted"), "Handling", "transit state 'Accepted' is not unique");

    [Fact]
    public void A_transit_without_a_state_name_is_refused() =>
        AssertRefused(Cross(r => r.EdgeOf("Handling", "AwaitingDelivery")["transit"]!.AsObject().Remove("state")), "Handling", "transit state must match");

    [Fact]
    public void A_node_without_a_label_is_refused() =>
        AssertRefused(Cross(r => r.NodeOf("Evaluated").Remove("label")), "Evaluated", "label: required");

    [Fact]
    public void A_dead_node_is_refused() =>
        AssertRefused(Cross(r => r.AddNode("""{ "id": "Orphan", "kind": "task", "participant": "intakeWindow", "steps": ["archive"], "label": "孤立" }""").AddEdge("Orphan", "Archived", "archive")), "Orphan", "not reachable from the start");

    [Fact]
    public void A_node_from_which_no_end_can_be_reached_is_refused()
    {
        // Evaluated now only loops back to Delivered; from Delivered the archive edge still ends, so only a node caught in a cycle is named.
        var route = Cross(r => r
            .AddNode("""{ "id": "Limbo", "kind": "task", "participant": "intakeWindow", "steps": ["handle"], "label": "无尽" }""")
            .AddNode("""{ "id": "Limbo2", "kind": "task", "participant": "intakeWindow", "steps": ["handle"], "label": "无尽二" }""")
            .AddEdge("Limbo", "Limbo2", "handle").AddEdge("Limbo2", "Limbo", "handle"));
        route.NodeOf("Delivered")["steps"] = new JsonArray("evaluate", "archive", "handle");
        route.AddEdge("Delivered", "Limbo", "handle");

        AssertRefused(route, "Limbo", "no path from here reaches an end");
        AssertRefused(route, "Limbo2", "no path from here reaches an end");
    }

    [Fact]
    public void A_step_without_an_edge_is_refused() =>
        AssertRefused(Cross(r => r.NodeOf("Accepted")["steps"] = new JsonArray("handle", "returnForCorrection")), "Accepted", "step 'returnForCorrection' has no edge");

    [Fact]
    public void An_edge_whose_action_is_not_a_step_of_its_task_is_refused() =>
        AssertRefused(Cross(r => r.EdgeOf("Accepted", "Handling")["action"] = "decide"), "Accepted", "action 'decide' is not one of this task's steps");

    [Fact]
    public void An_edge_to_a_missing_node_is_refused() =>
        AssertRefused(Cross(r => r.AddEdge("Evaluated", "Nowhere", "archive")), "Evaluated", "'Nowhere', which is no node");

    [Fact]
    public void The_start_must_take_the_intake_step() =>
        AssertRefused(Cross(r => r.EdgeOf("Start", "AtSpecialist")["action"] = "forward"), "Start", "action intake");

    [Fact]
    public void An_end_node_with_an_outgoing_edge_is_refused() =>
        AssertRefused(Cross(r => r.AddEdge("Archived", "Delivered")), "Archived", "no outgoing edges");

    [Fact]
    public void Withdrawal_must_lead_to_a_withdrawn_end() =>
        AssertRefused(Cross(r => r["withdrawTo"] = "Archived"), "Archived", "outcome withdrawn");

    [Fact]
    public void A_fork_without_a_join_is_refused() =>
        AssertRefused(Parallel(r => r.NodeOf("BothDone").ReplaceWith(JsonNode.Parse("""{ "id": "BothDone", "kind": "timer", "workingDays": 1, "label": "等待" }"""))), "Split", "no join");

    [Fact]
    public void A_join_naming_no_fork_is_refused() =>
        AssertRefused(Parallel(r => r.NodeOf("BothDone")["fork"] = "Publicity"), "BothDone", "'Publicity' is not a fork");

    [Fact]
    public void A_fork_with_two_lead_branches_is_refused() =>
        AssertRefused(Parallel(r => r.EdgeOf("Split", "CjlOpinion")["branch"] = "lead"), "Split", "exactly one lead branch");

    [Fact]
    public void A_fork_with_one_branch_is_refused() =>
        AssertRefused(Parallel(r => r.RemoveEdge("Split", "CjlOpinion").RemoveEdge("CjlOpinion", "BothDone").RemoveNode("CjlOpinion")), "Split", "at least two branches");

    [Fact]
    public void A_branch_that_ends_before_the_join_is_refused()
    {
        var route = Parallel(r => r.EdgeOf("CjlOpinion", "BothDone")["to"] = "Archived");
        route.EdgeOf("CjlOpinion", "Archived").Remove("transit");

        AssertRefused(route, "Archived", "ends here before join BothDone");
        AssertRefused(route, "Split", "never reaches join BothDone");
    }

    [Fact]
    public void Branches_that_meet_before_the_join_are_refused()
    {
        // The assisting unit's opinion goes to the township's review instead of the join.
        var route = Parallel(r => r.EdgeOf("CjlOpinion", "BothDone")["to"] = "TownshipReview");
        route.EdgeOf("CjlOpinion", "TownshipReview")["transit"]!["state"] = "OpinionToReview";

        AssertRefused(route, "TownshipReview", "on two branches of fork Split");
    }

    [Fact]
    public void A_join_entered_from_outside_its_fork_is_refused() =>
        AssertRefused(Parallel(r => r.NodeOf("AwaitingSignFor")["steps"] = new JsonArray("signFor", "handle")).AddEdge("AwaitingSignFor", "BothDone", "handle"), "BothDone", "entered from AwaitingSignFor, which is on no branch of fork Split");

    [Fact]
    public void A_hand_off_that_lands_on_a_timer_is_refused()
    {
        // The township's handling and the window's delivery both lead into one timer: which participant's calendar and queue?
        var route = Parallel(r => r.AddNode("""{ "id": "Notice2", "kind": "timer", "workingDays": 3, "label": "公示" }""")
            .AddEdge("Handling", "Notice2", "handle").AddEdge("AwaitingDelivery", "Notice2", "handle").AddEdge("Notice2", "Archived"));
        route.NodeOf("Handling")["steps"] = new JsonArray("decide", "handle");
        route.NodeOf("AwaitingDelivery")["steps"] = new JsonArray("deliver", "handle");

        AssertRefused(route, "Notice2", "a hand-off must land on a task");
    }

    [Fact]
    public void A_transit_state_on_an_edge_that_is_no_hand_off_is_refused() =>
        AssertRefused(Cross(r => r.EdgeOf("Accepted", "Handling")["transit"] = new JsonObject { ["state"] = "Moving", ["label"] = "移动中" }), "Accepted", "no hand-off");

    [Fact]
    public void A_decision_that_leaves_a_value_uncovered_is_refused() =>
        AssertRefused(Parallel(r => r.NodeOf("Outcome")["on"] = "mode"), "Outcome", "when 'approve' is not one of");

    [Fact]
    public void A_decision_missing_a_value_without_otherwise_is_refused() =>
        AssertRefused(Parallel(r => r.RemoveEdge("Outcome", "AwaitingDelivery")), "Outcome", "no edge for");

    [Fact]
    public void A_decision_on_an_unknown_fact_is_refused() =>
        AssertRefused(Parallel(r => r.NodeOf("Outcome")["on"] = "weather"), "Outcome", "on: one of");

    [Fact]
    public void A_timer_of_zero_working_days_is_refused() =>
        AssertRefused(Parallel(r => r.NodeOf("Publicity")["workingDays"] = 0), "Publicity", "workingDays: 1 to 365");

    [Fact]
    public void Several_mistakes_are_all_named()
    {
        var errors = Cross(r =>
        {
            r.NodeOf("Accepted")["steps"] = new JsonArray("teleport");
            r.NodeOf("Evaluated")["participant"] = "nobody";
        }).Validate();

        Assert.Contains(errors, e => e.Node == "Accepted");
        Assert.Contains(errors, e => e.Node == "Evaluated");
        Assert.All(errors, e => Assert.StartsWith("node ", e.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void A_misspelt_field_is_refused_when_the_file_is_read()
    {
        var route = RouteSamples.ShippedJson("window-immediate");
        route.NodeOf("Handling")["participants"] = "intakeWindow";

        var error = Assert.Throws<FormatException>(() => RouteFile.Parse(route.ToJsonString()));
        Assert.Contains("participants", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_route_id_or_version_out_of_shape_is_refused_for_the_route_as_a_whole()
    {
        var route = RouteSamples.ShippedJson("window-immediate");
        route["id"] = "Window Immediate";
        route["version"] = 0;

        var errors = route.Validate();
        Assert.Contains(errors, e => e.Node is null && e.Message.StartsWith("id must match", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Node is null && e.Message.StartsWith("version", StringComparison.Ordinal));
    }

    private static JsonObject Cross(Action<JsonObject> change) => Changed(RouteSamples.ShippedJson("cross-jurisdiction"), change);

    private static JsonObject Parallel(Action<JsonObject> change) => Changed(RouteSamples.ParallelJson(), change);

    private static JsonObject Changed(JsonObject route, Action<JsonObject> change)
    {
        change(route);
        return route;
    }

    private static void AssertRefused(JsonObject route, string node, string message)
    {
        var errors = route.Validate();
        Assert.True(
            errors.Any(e => e.Node == node && e.Message.Contains(message, StringComparison.Ordinal)),
            $"expected an error at node {node} containing '{message}'; got:\n{string.Join("\n", errors)}");
    }
}
