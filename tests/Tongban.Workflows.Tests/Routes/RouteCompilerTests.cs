using System.Text.Json;
using System.Text.Json.Nodes;
using Tongban.Workflows.Catalog;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Routes;
using Tongban.Workflows.Tests.Calendars;
using Tongban.Workflows.Tests.Cases;

namespace Tongban.Workflows.Tests.Routes;

/// <summary>
/// The route files compile into exactly the definitions the C# route templates (Definitions/Routes.cs, now
/// removed) built (Expected/*.definition.json is that class's output, captured before it was deleted), plus what
/// the template left to state names (each state's stage clock); parallel routes compile to forks, joins, decisions,
/// timers and branch tasks.
/// </summary>
public class RouteCompilerTests
{
    [Theory]
    [InlineData("cross-jurisdiction")]
    [InlineData("window-immediate")]
    public void A_shipped_route_compiles_to_exactly_the_definition_the_csharp_template_built(string id)
    {
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(CalendarData.RepositoryRoot, "tests", "Tongban.Workflows.Tests", "Routes", "Expected", id + ".definition.json")));

        var compiled = RouteSamples.Definition(id, "T-1", 1);

        // Same states and transitions, in the same order (the first matching transition wins in lookups); what is new
        // since (stages, automatic nodes, decision values, branch tasks) is compared apart.
        var node = JsonSerializer.SerializeToNode(compiled, CatalogFile.Json)!.AsObject();
        node.Remove("branchTasks");
        foreach (var state in node["states"]!.AsArray()) { state!.AsObject().Remove("stage"); state.AsObject().Remove("stageLimitDays"); state.AsObject().Remove("automatic"); }
        foreach (var transition in node["transitions"]!.AsArray()) transition!.AsObject().Remove("when");
        Assert.Equal(expected!.ToJsonString(), node.ToJsonString());
        var copy = expected.Deserialize<WorkflowDefinition>(CatalogFile.Json)!;
        Assert.Equal(copy.States, compiled.States.Select(s => s with { Stage = null }));
        Assert.Equal(copy.Transitions, compiled.Transitions);
        Assert.Empty(compiled.BranchTasks);
        // The stage each state runs now comes from its node's step kinds, and agrees with the old by-name mapping; a
        // definition stored before stages were compiled (the expected file has none) gets the same from the steps it offers.
        Assert.All(compiled.States, s => Assert.Equal(StageByOldName(s.Name), s.Stage));
        Assert.All(copy.States, s => Assert.Equal(compiled.State(s.Name).Stage, Tongban.Workflows.Clocks.Stages.Of(copy, s)));
    }

    /// <summary>The stage of a pilot state as the code used to map it, by name (the code now reads it from the definition).</summary>
    private static string? StageByOldName(string state) => state switch
    {
        PilotStates.AtSpecialist => Tongban.Workflows.Clocks.Stages.Review,
        PilotStates.AwaitingSignFor => Tongban.Workflows.Clocks.Stages.SignFor,
        PilotStates.SignedFor => Tongban.Workflows.Clocks.Stages.Accept,
        PilotStates.Accepted or PilotStates.Handling => Tongban.Workflows.Clocks.Stages.Handle,
        _ => null,
    };

    [Fact]
    public void Withdrawal_leads_from_every_node_and_hand_off_before_the_decision_and_from_none_after()
    {
        var cross = RouteSamples.Definition("cross-jurisdiction", "T-1", 1);

        var withdrawable = cross.Transitions.Where(t => t.Action == CaseAction.Withdraw).Select(t => t.From).ToList();

        Assert.Contains(PilotStates.AwaitingCorrection, withdrawable);
        Assert.Contains(PilotStates.Resubmitted, withdrawable);
        Assert.Contains(PilotStates.Handling, withdrawable);
        Assert.DoesNotContain(PilotStates.Decided, withdrawable);
        Assert.DoesNotContain(PilotStates.AwaitingDelivery, withdrawable);
        Assert.All(cross.Transitions.Where(t => t.Action == CaseAction.Withdraw), t => Assert.Equal(PilotStates.Withdrawn, t.To));
    }

    [Fact]
    public void A_route_without_withdrawal_has_no_withdraw_transitions()
    {
        var route = RouteSamples.ShippedJson("window-immediate").RemoveNode("Withdrawn");
        route.Remove("withdrawTo");

        var definition = RouteCompiler.Compile(RouteFile.Parse(route.ToJsonString()), "T-1", 1, RouteVocabulary.None).DefinitionOrThrow();

        Assert.DoesNotContain(definition.Transitions, t => t.Action == CaseAction.Withdraw);
    }

    [Fact]
    public void A_hand_off_without_a_named_transit_state_gets_one_named_after_its_edge()
    {
        var route = RouteSamples.ShippedJson("cross-jurisdiction");
        route.EdgeOf("AtSpecialist", "AwaitingSignFor").Remove("transit");

        var definition = RouteCompiler.Compile(RouteFile.Parse(route.ToJsonString()), "T-1", 1, RouteVocabulary.None).DefinitionOrThrow();

        var forward = Assert.Single(definition.Transitions, t => t.Action == CaseAction.Forward);
        Assert.Equal("AtSpecialistToAwaitingSignFor", forward.To);
        Assert.Equal(PostRole.BackOffice, forward.HandOffTo);
        Assert.True(definition.State(forward.To).InTransit);
        Assert.Single(definition.Transitions, t => t.Action == CaseAction.Receive && t.From == forward.To && t.To == PilotStates.AwaitingSignFor);
    }

    [Fact]
    public void A_derived_transit_state_that_clashes_with_a_node_is_refused_naming_the_edge_source()
    {
        var route = RouteSamples.ShippedJson("cross-jurisdiction");
        route.EdgeOf("AtSpecialist", "AwaitingSignFor").Remove("transit");
        route.NodeOf("Evaluated")["id"] = "AtSpecialistToAwaitingSignFor";
        route.EdgeOf("Delivered", "Evaluated")["to"] = "AtSpecialistToAwaitingSignFor";
        route.EdgeOf("Evaluated", "Archived")["from"] = "AtSpecialistToAwaitingSignFor";

        var compilation = RouteCompiler.Compile(RouteFile.Parse(route.ToJsonString()), "T-1", 1, RouteVocabulary.None);

        Assert.Null(compilation.Definition);
        Assert.Contains(compilation.Errors, e => e.Node == "AtSpecialist" && e.Message.Contains("name its transit state", StringComparison.Ordinal));
    }

    [Fact]
    public void A_parallel_route_compiles_to_a_fork_a_branch_task_a_join_a_timer_and_a_decision()
    {
        var definition = RouteCompiler.Compile(RouteFile.Parse(RouteSamples.ParallelText()), "T-1", 1, RouteSamples.Vocabulary).DefinitionOrThrow();

        var fork = definition.State("Split");
        Assert.Equal(new[] { "CjlOpinion" }, fork.Automatic!.Branches);
        Assert.Equal(PostRole.BackOffice, fork.HeldBy);
        Assert.Single(definition.Transitions, t => t.Action == CaseAction.Fork && t.From == "Split" && t.To == "TownshipReview" && t.By is null);
        Assert.Equal(CaseAction.Fork, TransitionDecider.AutomaticStep(definition, "Split", []));

        // The assisting branch is a task at 县残联's post, not a state of the case; its step leads back to the join.
        Assert.DoesNotContain(definition.States, s => s.Name == "CjlOpinion");
        var task = Assert.Single(definition.BranchTasks);
        Assert.Equal(("CjlOpinion", PostRole.DepartmentOfficer, "Split", 3), (task.Node, task.Role, task.Fork, task.StageLimitDays));
        Assert.Equal(new BranchStepDefinition(CaseAction.GiveOpinion, "BothDone", ToJoin: true), Assert.Single(task.Steps));

        // The join waits while a task of its fork is open; the timer and the decision are left by the engine.
        Assert.Null(TransitionDecider.AutomaticStep(definition, "BothDone", ["Split"]));
        Assert.Equal(CaseAction.Join, TransitionDecider.AutomaticStep(definition, "BothDone", []));
        Assert.Single(definition.Transitions, t => t.Action == CaseAction.Join && t.From == "BothDone" && t.To == "Publicity");
        Assert.Equal(5, definition.State("Publicity").Automatic!.WorkingDays);
        Assert.Null(TransitionDecider.AutomaticStep(definition, "Publicity", []));
        Assert.Single(definition.Transitions, t => t.Action == CaseAction.Elapse && t.From == "Publicity" && t.To == "Handling");
        var choices = definition.Transitions.Where(t => t.Action == CaseAction.Choose).ToList();
        Assert.Equal(["approve", "reject"], choices.Select(t => t.When!).Order(StringComparer.Ordinal));
        Assert.All(choices, t => Assert.Equal(PostRole.WindowClerk, t.HandOffTo));
        Assert.Equal("RejectedToWindow", definition.Find(CaseAction.Choose, "Outcome", "reject")!.To);

        // Stage clocks follow the step kinds; the route's stage limit lands on the task.
        Assert.Equal(Tongban.Workflows.Clocks.Stages.Handle, definition.State("TownshipReview").Stage);
        Assert.Null(definition.State("Publicity").Stage);

        // Withdrawal is possible from every state before the decision (the fork's, join's and timer's included), none after.
        var withdrawable = definition.Transitions.Where(t => t.Action == CaseAction.Withdraw).Select(t => t.From).ToHashSet();
        Assert.Superset(new HashSet<string> { "Split", "TownshipReview", "BothDone", "Publicity", "Handling" }, withdrawable);
        Assert.DoesNotContain("Outcome", withdrawable);
        Assert.DoesNotContain("ApprovedToWindow", withdrawable);
    }

    [Theory]
    [InlineData("Handling", "department:mzj", "works in assisting branches")]
    public void What_the_engine_cannot_run_yet_is_refused_naming_the_node(string node, string participant, string message)
    {
        var route = RouteSamples.ParallelJson();
        route.NodeOf(node)["participant"] = participant;
        Assert.Empty(RouteValidator.Validate(RouteFile.Parse(route.ToJsonString()), RouteSamples.Vocabulary));

        var compilation = RouteCompiler.Compile(RouteFile.Parse(route.ToJsonString()), "T-1", 1, RouteSamples.Vocabulary);

        Assert.Null(compilation.Definition);
        Assert.Contains(compilation.Errors, e => e.Node == node && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_second_task_in_an_assisting_branch_is_opened_by_the_first()
    {
        var route = RouteSamples.ParallelJson();
        route.AddNode("""{ "id": "MzjCheck", "kind": "task", "participant": "department:mzj", "steps": ["giveOpinion"], "label": "县民政局复核" }""");
        route.EdgeOf("CjlOpinion", "BothDone")["to"] = "MzjCheck";
        route.AddEdge("MzjCheck", "BothDone", "giveOpinion");

        var definition = RouteCompiler.Compile(RouteFile.Parse(route.ToJsonString()), "T-1", 1, RouteSamples.Vocabulary).DefinitionOrThrow();

        Assert.Equal(new BranchStepDefinition(CaseAction.GiveOpinion, "MzjCheck", ToJoin: false), Assert.Single(definition.BranchTask("CjlOpinion").Steps));
        Assert.Equal(("Split", PostRole.DepartmentOfficer), (definition.BranchTask("MzjCheck").Fork, definition.BranchTask("MzjCheck").Role));
    }

    [Fact]
    public void An_invalid_route_does_not_compile_and_says_why()
    {
        var route = RouteSamples.ShippedJson("window-immediate");
        route.NodeOf("Handling")["steps"] = new JsonArray("teleport");

        var compilation = RouteCompiler.Compile(RouteFile.Parse(route.ToJsonString()), "T-1", 1, RouteVocabulary.None);

        Assert.Null(compilation.Definition);
        Assert.Contains(compilation.Errors, e => e.Node == "Handling" && e.Message.Contains("teleport", StringComparison.Ordinal));
    }

    [Fact]
    public void A_library_refuses_a_file_whose_name_does_not_match_its_route()
    {
        var error = Assert.Throws<FormatException>(() => RouteLibrary.FromFiles([("cross-jurisdiction.v2.json", RouteSamples.ShippedText("cross-jurisdiction"))], RouteVocabulary.None));

        Assert.Contains("cross-jurisdiction.v2.json: the file of route cross-jurisdiction@1 is named cross-jurisdiction.v1.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_library_reports_the_file_and_node_of_a_bad_route()
    {
        var route = RouteSamples.ShippedJson("window-immediate");
        route.NodeOf("Delivered").Remove("participant");

        var error = Assert.Throws<FormatException>(() => RouteLibrary.FromFiles([("window-immediate.v1.json", route.ToJsonString())], RouteVocabulary.None));

        Assert.Contains("window-immediate.v1.json: node Delivered: participant: required", error.Message, StringComparison.Ordinal);
    }
}
