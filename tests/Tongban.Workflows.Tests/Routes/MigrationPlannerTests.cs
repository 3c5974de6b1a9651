using Tongban.Workflows.Routes;

namespace Tongban.Workflows.Tests.Routes;

/// <summary>Which running cases a migration plan moves, and which it refuses and why: pure, from the route files and the cases' states.</summary>
public sealed class MigrationPlannerTests
{
    private static readonly RouteFile Source = RouteSamples.Shipped("cross-jurisdiction");

    private static readonly RouteFile Target = RouteFile.Parse(RouteSamples.ShippedJson("cross-jurisdiction").Also(r => r["version"] = 2).ToJsonString());

    private static MigrationCase At(string state, int n = 1, bool closed = false) => new(Guid.NewGuid(), $"QS20261127-{n:D10}", state, 3, closed);

    private static MigrationDryRun Plan(Dictionary<string, string> mapping, params MigrationCase[] cases) => MigrationPlanner.Plan(Source, Target, mapping, cases);

    [Fact]
    public void A_case_on_a_mapped_node_moves_to_the_target_node_with_its_version()
    {
        var c = At("Accepted");

        var result = Plan(new() { ["Accepted"] = "Handling" }, c);

        var move = Assert.Single(result.Moves);
        Assert.Equal((c.CaseId, c.Number, 3, "Accepted", "Handling"), (move.CaseId, move.Number, move.Version, move.From, move.To));
        Assert.Empty(result.Refused);
    }

    [Fact]
    public void A_case_whose_active_node_is_not_mapped_is_refused()
    {
        var result = Plan(new() { ["Accepted"] = "Accepted" }, At("Handling"));

        var refused = Assert.Single(result.Refused);
        Assert.Equal(MigrationRefusal.NotMapped, refused.Reason);
        Assert.Contains("Handling", refused.Message, StringComparison.Ordinal);
        Assert.Empty(result.Moves);
    }

    [Fact]
    public void A_case_in_a_hand_off_may_move_only_to_a_node_of_the_participant_it_is_handed_to()
    {
        // ForwardedToTownship: on its way from the specialist to the township's AwaitingSignFor.
        var toSpecialist = Plan(new() { ["ForwardedToTownship"] = "AtSpecialist" }, At("ForwardedToTownship"));
        Assert.Equal(MigrationRefusal.HandOffInFlight, Assert.Single(toSpecialist.Refused).Reason);
        var toEnd = Plan(new() { ["ForwardedToTownship"] = "Withdrawn" }, At("ForwardedToTownship"));
        Assert.Equal(MigrationRefusal.HandOffInFlight, Assert.Single(toEnd.Refused).Reason);

        var toTownship = Plan(new() { ["ForwardedToTownship"] = "SignedFor" }, At("ForwardedToTownship"));
        Assert.Equal("SignedFor", Assert.Single(toTownship.Moves).To);
    }

    [Fact]
    public void A_case_resting_on_a_task_may_move_to_another_participants_node()
    {
        var result = Plan(new() { ["AwaitingCorrection"] = "AtSpecialist" }, At("AwaitingCorrection"));

        Assert.Equal("AtSpecialist", Assert.Single(result.Moves).To);
    }

    [Fact]
    public void A_mapping_to_a_node_the_target_route_does_not_have_is_refused()
    {
        var result = Plan(new() { ["Handling"] = "Nowhere" }, At("Handling"));

        var refused = Assert.Single(result.Refused);
        Assert.Equal(MigrationRefusal.TargetMissing, refused.Reason);
        Assert.Contains("Nowhere", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Split")]
    [InlineData("BothDone")]
    [InlineData("Publicity")]
    [InlineData("Outcome")]
    [InlineData("Start")]
    public void A_mapping_to_a_node_that_is_not_a_task_or_an_end_is_refused(string node)
    {
        var parallel = RouteFile.Parse(RouteSamples.ParallelText());

        var result = MigrationPlanner.Plan(Source, parallel, new Dictionary<string, string> { ["SignedFor"] = node }, [At("SignedFor")]);

        Assert.Equal(MigrationRefusal.TargetNotTask, Assert.Single(result.Refused).Reason);
    }

    [Fact]
    public void A_case_with_open_branch_tasks_is_refused_even_when_its_node_is_mapped()
    {
        var inBranches = At("Handling") with { OpenBranchTasks = 1 };

        var result = Plan(new() { ["Handling"] = "Handling" }, inBranches);

        Assert.Equal(MigrationRefusal.InParallelBranches, Assert.Single(result.Refused).Reason);
    }

    [Theory]
    [InlineData("Publicity")]
    [InlineData("BothDone")]
    public void A_case_waiting_at_a_timer_or_join_of_the_source_route_is_refused(string node)
    {
        var parallel = RouteFile.Parse(RouteSamples.ParallelText());

        var result = MigrationPlanner.Plan(parallel, Target, new Dictionary<string, string> { [node] = "Handling" }, [At(node)]);

        Assert.Equal(MigrationRefusal.SourceNotTask, Assert.Single(result.Refused).Reason);
    }

    [Fact]
    public void Closed_cases_are_not_touched_and_every_open_one_is_answered()
    {
        var mapping = new Dictionary<string, string> { ["Accepted"] = "Accepted", ["Archived"] = "Archived" };

        var result = Plan(mapping, At("Archived", 1, closed: true), At("Accepted", 2), At("Handling", 3), At("Accepted", 4, closed: true));

        Assert.Equal(["QS20261127-0000000002"], result.Moves.Select(m => m.Number));
        Assert.Equal(["QS20261127-0000000003"], result.Refused.Select(r => r.Number));
    }

    [Fact]
    public void The_transit_states_are_named_as_the_compiler_names_them()
    {
        var transits = MigrationPlanner.TransitStates(Source);

        Assert.Equal("AtSpecialist", transits["Submitted"].Id);
        Assert.Equal("AwaitingSignFor", transits["ForwardedToTownship"].Id);
        Assert.Equal("AwaitingCorrection", transits["ReturnedForCorrection"].Id);
        Assert.Equal("AwaitingSignFor", transits["Resubmitted"].Id);
        Assert.Equal("AwaitingDelivery", transits["Decided"].Id);
        Assert.Equal(5, transits.Count);
    }
}

internal static class JsonObjectExtensions
{
    public static System.Text.Json.Nodes.JsonObject Also(this System.Text.Json.Nodes.JsonObject o, Action<System.Text.Json.Nodes.JsonObject> change)
    {
        change(o);
        return o;
    }
}
