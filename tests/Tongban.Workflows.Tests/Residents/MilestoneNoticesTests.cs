using Tongban.Workflows.Cases;
using Tongban.Workflows.Residents;

namespace Tongban.Workflows.Tests.Residents;

/// <summary>Which journal entries are milestones the resident is told of, and what the notices may say.</summary>
public sealed class MilestoneNoticesTests
{
    [Theory]
    [InlineData(CaseAction.Accept, CaseStates.Accepted, Milestone.Accepted)]
    [InlineData(CaseAction.ReturnForCorrection, CaseStates.ReturnedForCorrection, Milestone.CorrectionNeeded)]
    [InlineData(CaseAction.Decide, CaseStates.Decided, Milestone.Decided)]
    [InlineData(CaseAction.Decide, CaseStates.AwaitingDelivery, Milestone.ResultReady)]
    [InlineData(CaseAction.Receive, CaseStates.AwaitingDelivery, Milestone.ResultReady)]
    [InlineData(CaseAction.Deliver, CaseStates.Delivered, Milestone.Delivered)]
    public void Milestones(CaseAction action, string toState, Milestone expected) => Assert.Equal(expected, MilestoneNotices.Of(action, toState, null));

    [Theory]
    [InlineData(CaseAction.Intake, CaseStates.Submitted)]
    [InlineData(CaseAction.Receive, CaseStates.AtSpecialist)]
    [InlineData(CaseAction.Receive, CaseStates.AwaitingCorrection)]
    [InlineData(CaseAction.SignFor, CaseStates.SignedFor)]
    [InlineData(CaseAction.Handle, CaseStates.Handling)]
    [InlineData(CaseAction.RequestExtension, CaseStates.Accepted)]
    [InlineData(CaseAction.Evaluate, CaseStates.Evaluated)]
    public void Not_milestones(CaseAction action, string toState) => Assert.Null(MilestoneNotices.Of(action, toState, null));

    [Fact]
    public void Only_an_approved_extension_is_a_milestone()
    {
        Assert.Equal(Milestone.ExtensionApproved, MilestoneNotices.Of(CaseAction.DecideExtension, CaseStates.Accepted, new ExtensionDecidedDetail(Guid.NewGuid(), true, null)));
        Assert.Null(MilestoneNotices.Of(CaseAction.DecideExtension, CaseStates.Accepted, new ExtensionDecidedDetail(Guid.NewGuid(), false, null)));
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
