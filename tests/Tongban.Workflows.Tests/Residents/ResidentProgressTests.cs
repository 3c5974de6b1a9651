using Tongban.Workflows.Definitions;
using Tongban.Workflows.Residents;
using Tongban.Workflows.Tests.Cases;
using Tongban.Workflows.Tests.Routes;

namespace Tongban.Workflows.Tests.Residents;

/// <summary>What the public lookup says for each state, in the resident's words.</summary>
public sealed class ResidentProgressTests
{
    private static readonly WorkflowDefinition Cross = RouteSamples.Definition("cross-jurisdiction", "T-1", 1);
    private static readonly WorkflowDefinition WindowImmediate = RouteSamples.Definition("window-immediate", "T-2", 1);
    private static readonly WorkflowDefinition Subsistence = RouteSamples.Definition("subsistence-allowance", "T-3", 1);

    private static ProgressFacts Facts(string state) => new()
    {
        State = state,
        CommunityName = "东门社区",
        TownshipName = "河西乡",
        DueDate = new DateOnly(2026, 12, 18),
        Missing = [new ThingToBring("银行卡复印件", "未提供本人银行卡")],
    };

    [Theory]
    [InlineData(PilotStates.Submitted, ProgressStep.Received)]
    [InlineData(PilotStates.AtSpecialist, ProgressStep.Received)]
    [InlineData(PilotStates.ForwardedToTownship, ProgressStep.AtTownship)]
    [InlineData(PilotStates.AwaitingSignFor, ProgressStep.AtTownship)]
    [InlineData(PilotStates.SignedFor, ProgressStep.AtTownship)]
    [InlineData(PilotStates.Resubmitted, ProgressStep.AtTownship)]
    [InlineData(PilotStates.ReturnedForCorrection, ProgressStep.CorrectionNeeded)]
    [InlineData(PilotStates.AwaitingCorrection, ProgressStep.CorrectionNeeded)]
    [InlineData(PilotStates.Accepted, ProgressStep.Handling)]
    [InlineData(PilotStates.Handling, ProgressStep.Handling)]
    [InlineData(PilotStates.Decided, ProgressStep.Decided)]
    [InlineData(PilotStates.AwaitingDelivery, ProgressStep.ReadyForPickUp)]
    [InlineData(PilotStates.Delivered, ProgressStep.Delivered)]
    [InlineData(PilotStates.Evaluated, ProgressStep.Delivered)]
    [InlineData(PilotStates.Archived, ProgressStep.Delivered)]
    [InlineData(PilotStates.Withdrawn, ProgressStep.Withdrawn)]
    public void Every_state_has_a_step_and_words(string state, ProgressStep step)
    {
        var progress = ResidentProgress.Of(Cross, Facts(state));
        Assert.Equal(step, progress.Step);
        Assert.False(string.IsNullOrWhiteSpace(progress.Where));
        Assert.False(string.IsNullOrWhiteSpace(progress.Next));
        Assert.DoesNotContain(state, progress.Where + progress.Next, StringComparison.Ordinal);
    }

    [Fact]
    public void The_complete_list_to_bring_only_while_a_correction_is_pending()
    {
        var waiting = ResidentProgress.Of(Cross, Facts(PilotStates.AwaitingCorrection) with { ClockStopped = true, DueDate = null });
        Assert.Equal([new ThingToBring("银行卡复印件", "未提供本人银行卡")], waiting.ToBring);
        Assert.Contains("暂停计时", waiting.By);
        Assert.Contains("东门社区便民服务窗口", waiting.Next);

        Assert.Empty(ResidentProgress.Of(Cross, Facts(PilotStates.Handling)).ToBring);
        Assert.Equal("2026年12月18日前办结", ResidentProgress.Of(Cross, Facts(PilotStates.Handling)).By);
    }

    [Fact]
    public void Deferred_materials_are_on_the_list_with_the_promised_date()
    {
        var progress = ResidentProgress.Of(Cross, Facts(PilotStates.AtSpecialist) with { Deferred = ["照片"], PromiseDate = new DateOnly(2026, 12, 4) });
        Assert.Equal([new ThingToBring("照片", "承诺于2026年12月4日前补交")], progress.ToBring);
    }

    [Fact]
    public void A_window_immediate_case_is_handled_at_the_window()
    {
        var progress = ResidentProgress.Of(WindowImmediate, Facts(PilotStates.Handling));
        Assert.Contains("东门社区便民服务窗口", progress.Where);
        Assert.DoesNotContain("河西乡", progress.Where);
    }

    [Theory]
    [InlineData("李大爷", "李**")]
    [InlineData("王五", "王*")]
    [InlineData("欧阳娜娜", "欧***")]
    [InlineData("李", "*")]
    public void Names_keep_the_first_character(string name, string masked) => Assert.Equal(masked, Mask.Name(name));

    [Fact]
    public void States_of_county_authored_routes_are_told_by_what_they_are_not_by_their_names()
    {
        var publicity = ResidentProgress.Of(Subsistence, Facts("Publicity") with { WaitUntil = new DateOnly(2026, 12, 2) });
        Assert.Contains("公示期至2026年12月2日", publicity.Where, StringComparison.Ordinal);

        var parallel = ResidentProgress.Of(Subsistence, Facts("TownshipReview") with { AwaitedUnits = ["青山县民政局"] });
        Assert.Equal(ProgressStep.Handling, parallel.Step);
        Assert.Contains("青山县民政局同时出具意见", parallel.Where, StringComparison.Ordinal);

        var onItsWayBack = ResidentProgress.Of(Subsistence, Facts("RejectedToWindow") with { Decided = true });
        Assert.Equal(ProgressStep.Decided, onItsWayBack.Step);
        Assert.DoesNotContain("不予", onItsWayBack.Where, StringComparison.Ordinal);
    }
}
