using Tongban.Workflows.Cases;
using Tongban.Workflows.Clocks;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Tests.Routes;

namespace Tongban.Workflows.Tests.Cases;

/// <summary>What a state is, read from the definition: what the code asks instead of naming a route's states.</summary>
public sealed class StateTraitsTests
{
    private static readonly WorkflowDefinition Cross = RouteSamples.Definition("cross-jurisdiction", "T-1", 1);

    [Fact]
    public void A_state_is_told_by_its_steps_stage_holder_and_end()
    {
        var signFor = StateTraits.Of(Cross, PilotStates.AwaitingSignFor)!;
        Assert.True(signFor.Offer(CaseAction.SignFor));
        Assert.Equal((Stages.SignFor, (PostRole?)PostRole.BackOffice, false), (signFor.Stage, signFor.HeldBy, signFor.InTransit));
        Assert.Contains(CaseAction.Receive, signFor.ReachedBy);

        var withdrawn = StateTraits.Of(Cross, PilotStates.Withdrawn)!;
        var archived = StateTraits.Of(Cross, PilotStates.Archived)!;
        Assert.True(withdrawn.IsEnd && withdrawn.IsWithdrawnEnd);
        Assert.True(archived.IsEnd && !archived.IsWithdrawnEnd);
        Assert.Empty(archived.Offers);
    }

    [Fact]
    public void A_hand_off_in_transit_is_told_by_where_it_is_going()
    {
        var returned = StateTraits.Of(Cross, PilotStates.ReturnedForCorrection)!;
        Assert.True(returned.InTransit);
        Assert.Contains(CaseAction.ReturnForCorrection, returned.ReachedBy);
        Assert.Equal(PilotStates.AwaitingCorrection, returned.Destination.Name);
        Assert.True(returned.Destination.Offer(CaseAction.Resubmit));

        var atSpecialist = StateTraits.Of(Cross, PilotStates.AtSpecialist)!;
        Assert.Null(atSpecialist.Ahead);
        Assert.Same(atSpecialist, atSpecialist.Destination);
    }

    [Fact]
    public void Before_intake_and_unknown_states_have_no_traits()
    {
        Assert.Null(StateTraits.Of(Cross, CaseStates.None));
        Assert.Null(StateTraits.Of(Cross, "NoSuchState"));
    }

    [Fact]
    public void A_definition_stored_before_stages_were_compiled_gets_them_from_the_steps_its_states_offer()
    {
        var legacy = Cross with { States = [.. Cross.States.Select(s => s with { Stage = null })] };
        Assert.All(Cross.States, s => Assert.Equal(s.Stage, StateTraits.Of(legacy, s.Name)!.Stage));
        Assert.Equal(Stages.Review, StateTraits.Of(legacy, PilotStates.AtSpecialist)!.Stage);
    }
}
