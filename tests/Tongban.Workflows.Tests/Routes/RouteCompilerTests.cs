using System.Text.Json;
using System.Text.Json.Nodes;
using Tongban.Workflows.Catalog;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Routes;
using Tongban.Workflows.Tests.Calendars;

namespace Tongban.Workflows.Tests.Routes;

/// <summary>
/// The route files compile into exactly the definitions the C# route templates (Definitions/Routes.cs, now
/// removed) built; Expected/*.definition.json is that class's output, captured before it was deleted.
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

        // Same states and transitions, in the same order (the first matching transition wins in lookups).
        Assert.Equal(expected!.ToJsonString(), JsonSerializer.SerializeToNode(compiled, CatalogFile.Json)!.ToJsonString());
        var copy = expected.Deserialize<WorkflowDefinition>(CatalogFile.Json)!;
        Assert.Equal(copy.States, compiled.States);
        Assert.Equal(copy.Transitions, compiled.Transitions);
    }

    [Fact]
    public void Withdrawal_leads_from_every_node_and_hand_off_before_the_decision_and_from_none_after()
    {
        var cross = RouteSamples.Definition("cross-jurisdiction", "T-1", 1);

        var withdrawable = cross.Transitions.Where(t => t.Action == CaseAction.Withdraw).Select(t => t.From).ToList();

        Assert.Contains(CaseStates.AwaitingCorrection, withdrawable);
        Assert.Contains(CaseStates.Resubmitted, withdrawable);
        Assert.Contains(CaseStates.Handling, withdrawable);
        Assert.DoesNotContain(CaseStates.Decided, withdrawable);
        Assert.DoesNotContain(CaseStates.AwaitingDelivery, withdrawable);
        Assert.All(cross.Transitions.Where(t => t.Action == CaseAction.Withdraw), t => Assert.Equal(CaseStates.Withdrawn, t.To));
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
        Assert.Single(definition.Transitions, t => t.Action == CaseAction.Receive && t.From == forward.To && t.To == CaseStates.AwaitingSignFor);
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
    public void A_parallel_route_validates_but_the_compiler_refuses_it_naming_each_node_it_cannot_run_yet()
    {
        var route = RouteFile.Parse(RouteSamples.ParallelText());
        Assert.Empty(RouteValidator.Validate(route, RouteSamples.Vocabulary));

        var compilation = RouteCompiler.Compile(route, "T-1", 1, RouteSamples.Vocabulary);

        Assert.Null(compilation.Definition);
        string[] named = ["Split", "BothDone", "Publicity", "Outcome", "CjlOpinion"];
        Assert.Equal(named.Order(StringComparer.Ordinal), compilation.Errors.Select(e => e.Node!).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(compilation.Errors, e => e.Node == "CjlOpinion" && e.Message.Contains("step kind giveOpinion is not executable yet", StringComparison.Ordinal));
        Assert.Contains(compilation.Errors, e => e.Node == "CjlOpinion" && e.Message.Contains("stageLimitWorkingDays", StringComparison.Ordinal));
        var thrown = Assert.Throws<InvalidOperationException>(compilation.DefinitionOrThrow);
        Assert.Contains("node Split: fork nodes validate but are not executable yet", thrown.Message, StringComparison.Ordinal);
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
