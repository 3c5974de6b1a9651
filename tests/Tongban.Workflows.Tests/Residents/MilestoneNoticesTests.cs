using Tongban.Workflows.Cases;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Residents;
using Tongban.Workflows.Tests.Cases;
using Tongban.Workflows.Tests.Routes;

namespace Tongban.Workflows.Tests.Residents;

/// <summary>Which journal entries are milestones the resident is told of, and what the notices may say.</summary>
public sealed class MilestoneNoticesTests
{
    private static readonly WorkflowDefinition Cross = RouteSamples.Definition("cross-jurisdiction", "T-1", 1);

    [Theory]
    [InlineData("cross-jurisdiction", CaseAction.Accept, PilotStates.Accepted, Milestone.Accepted)]
    [InlineData("cross-jurisdiction", CaseAction.ReturnForCorrection, PilotStates.ReturnedForCorrection, Milestone.CorrectionNeeded)]
    [InlineData("cross-jurisdiction", CaseAction.Decide, PilotStates.Decided, Milestone.Decided)]
    [InlineData("window-immediate", CaseAction.Decide, PilotStates.AwaitingDelivery, Milestone.ResultReady)]
    [InlineData("cross-jurisdiction", CaseAction.Receive, PilotStates.AwaitingDelivery, Milestone.ResultReady)]
    [InlineData("cross-jurisdiction", CaseAction.Deliver, PilotStates.Delivered, Milestone.Delivered)]
    [InlineData("subsistence-allowance", CaseAction.Decide, "Outcome", Milestone.Decided)]
    [InlineData("subsistence-allowance", CaseAction.Receive, PilotStates.AwaitingDelivery, Milestone.ResultReady)]
    public void Milestones(string route, CaseAction action, string toState, Milestone expected) =>
        Assert.Equal(expected, MilestoneNotices.Of(RouteSamples.Definition(route, "T-1", 1), action, toState, null));

    /// <summary>The result is ready where the route's step is delivery: in every shipped route, the state the code used to name (待交付) and no other.</summary>
    [Fact]
    public void The_result_is_ready_at_the_state_whose_step_is_delivery_in_every_shipped_route()
    {
        foreach (var id in RouteSamples.ShippedIds)
        {
            var definition = RouteSamples.Definition(id, "T-1", 1);
            foreach (var state in definition.States)
            {
                var ready = state.Name == PilotStates.AwaitingDelivery;
                Assert.Equal(ready ? Milestone.ResultReady : null, MilestoneNotices.Of(definition, CaseAction.Receive, state.Name, null));
                Assert.Equal(ready ? Milestone.ResultReady : Milestone.Decided, MilestoneNotices.Of(definition, CaseAction.Decide, state.Name, null));
            }
        }
    }

    [Theory]
    [InlineData(CaseAction.Intake, PilotStates.Submitted)]
    [InlineData(CaseAction.Receive, PilotStates.AtSpecialist)]
    [InlineData(CaseAction.Receive, PilotStates.AwaitingCorrection)]
    [InlineData(CaseAction.SignFor, PilotStates.SignedFor)]
    [InlineData(CaseAction.Handle, PilotStates.Handling)]
    [InlineData(CaseAction.RequestExtension, PilotStates.Accepted)]
    [InlineData(CaseAction.Evaluate, PilotStates.Evaluated)]
    public void Not_milestones(CaseAction action, string toState) => Assert.Null(MilestoneNotices.Of(Cross, action, toState, null));

    [Fact]
    public void Only_an_approved_extension_is_a_milestone()
    {
        Assert.Equal(Milestone.ExtensionApproved, MilestoneNotices.Of(Cross, CaseAction.DecideExtension, PilotStates.Accepted, new ExtensionDecidedDetail(Guid.NewGuid(), true, null)));
        Assert.Null(MilestoneNotices.Of(Cross, CaseAction.DecideExtension, PilotStates.Accepted, new ExtensionDecidedDetail(Guid.NewGuid(), false, null)));
    }

    [Fact]
    public void A_correction_notice_lists_every_material_and_an_extension_apologises_with_the_new_date()
    {
        var facts = new NoticeFacts("李**", "QS20261127-0000000001", "东门社区便民服务窗口", "河西乡") { DueDate = new DateOnly(2026, 12, 21), ToBring = ["银行卡复印件", "照片"] };
        Assert.Contains("全部2项", MilestoneNotices.Text(Milestone.CorrectionNeeded, facts));
        Assert.Contains("1.银行卡复印件；2.照片", MilestoneNotices.Text(Milestone.CorrectionNeeded, facts));
        var apology = MilestoneNotices.Text(Milestone.ExtensionApproved, facts);
        Assert.StartsWith("很抱歉", apology);
        Assert.Contains("2026年12月21日", apology);
        // A lookup code is not a case milestone: its text is LookupCodes.Text (see LookupCodesTests).
        foreach (var m in Enum.GetValues<Milestone>().Where(m => m != Milestone.LookupCode)) Assert.StartsWith("李**", MilestoneNotices.Text(m, facts).Replace("很抱歉，", "", StringComparison.Ordinal));
    }
}
