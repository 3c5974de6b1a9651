using Tongban.Workflows.Cases;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Routes;
using Tongban.Workflows.Tests.Routes;
using static Tongban.Workflows.Tests.Cases.CaseFixtures;

namespace Tongban.Workflows.Tests.Cases;

/// <summary>
/// 并联办理 decided from facts: the fork opens the assisting branch's task, the lead goes on; a branch task is done
/// only at its own post, once, with a valid opinion; a timer node (公示) waits its working days; a decision node takes
/// the edge of the case's fact. Pure: no host, no database.
/// </summary>
public class ParallelHandlingTests
{
    private static readonly WorkflowDefinition Subsistence = RouteSamples.Definition("subsistence-allowance", "T-1", 1);
    private static readonly PostAssignment MzjPost = new("dept-mzj-officer", "dept-mzj", PostRole.DepartmentOfficer);
    private static readonly Actor MzjOfficer = new("u-mzj", "民政韩", [MzjPost]);
    private static readonly Actor Engine = Actor.Node("route", BackOfficePost);

    private static StepOutcome Decide(CaseFacts facts, CaseAction action, Actor actor, DateTimeOffset now, ActionInput? input = null) =>
        TransitionDecider.Decide(facts, Subsistence, Item(), Settings, action, actor, input ?? ActionInput.None.Instance, now);

    private static BranchTaskFacts OpinionTask(BranchTaskStatus status = BranchTaskStatus.Open) =>
        new(Guid.Parse("0195f1a0-0000-7000-8000-0000000000aa"), "MzjOpinion", "Split", "dept-mzj", MzjPost.PostId, status);

    [Fact]
    public void Accepting_reaches_the_fork_which_the_engine_leaves_opening_the_assisting_task_and_going_on_along_the_lead()
    {
        var accepted = Decided(Decide(Facts("SignedFor", currentPostId: BackOfficePost.PostId), CaseAction.Accept, BackOffice, IntakeAt.AddDays(1)));
        Assert.Equal("Split", accepted.ToState);
        Assert.Equal(CaseAction.Fork, TransitionDecider.AutomaticStep(Subsistence, accepted.ToState, []));

        var fork = Decided(Decide(Facts("Split", currentPostId: BackOfficePost.PostId), CaseAction.Fork, Engine, IntakeAt.AddDays(1)));

        Assert.Equal("TownshipReview", fork.ToState);
        Assert.Equal(BackOfficePost.PostId, fork.HolderPostId);
        var opened = Assert.Single(fork.OpensTasks);
        Assert.Equal(("MzjOpinion", "department:mzj", PostRole.DepartmentOfficer), (opened.Node, opened.Participant, opened.Role));
        Assert.Equal(Tongban.Workflows.Clocks.Stages.Handle, fork.Clock.Stage);
    }

    [Fact]
    public void People_cannot_take_the_engines_steps()
    {
        var refused = Assert.IsType<StepOutcome.Refused>(Decide(Facts("Split", currentPostId: BackOfficePost.PostId), CaseAction.Fork, BackOffice, IntakeAt));
        Assert.Equal(RefusalKind.IllegalTransition, refused.Kind);
    }

    [Fact]
    public void The_assisting_units_opinion_completes_its_task_and_tells_the_lead()
    {
        var facts = Facts("OpinionsIn", currentPostId: BackOfficePost.PostId);

        var outcome = BranchTasks.Decide(facts, Subsistence, Item(), OpinionTask(), CaseAction.GiveOpinion, MzjOfficer, new OpinionInput(true, "经核对，家庭人均收入低于当地低保标准。"), IntakeAt.AddDays(3));

        var effects = Assert.IsType<BranchStepOutcome.Decided>(outcome).Effects;
        Assert.Null(effects.Next);
        Assert.Equal(MzjPost.PostId, effects.AtPost.PostId);
        Assert.Equal((true, "MzjOpinion"), (effects.Detail.Agrees!.Value, effects.Detail.Node));
        var notice = Assert.Single(effects.Notices);
        Assert.Equal(BackOfficePost.PostId, notice.PostId);
        Assert.Contains("同意", notice.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_branch_task_is_refused_to_another_post_in_transit_when_done_for_another_step_and_without_an_opinion()
    {
        var facts = Facts("TownshipReview", currentPostId: BackOfficePost.PostId);
        var opinion = new OpinionInput(false, "缺少收入证明原件。");

        Assert.Equal(RefusalKind.NotYourPost, Refusal(BranchTasks.Decide(facts, Subsistence, Item(), OpinionTask(), CaseAction.GiveOpinion, BackOffice, opinion, IntakeAt)));
        Assert.Equal(RefusalKind.IllegalTransition, Refusal(BranchTasks.Decide(facts, Subsistence, Item(), OpinionTask(BranchTaskStatus.InTransit), CaseAction.GiveOpinion, MzjOfficer, opinion, IntakeAt)));
        Assert.Equal(RefusalKind.IllegalTransition, Refusal(BranchTasks.Decide(facts, Subsistence, Item(), OpinionTask(BranchTaskStatus.Done), CaseAction.GiveOpinion, MzjOfficer, opinion, IntakeAt)));
        Assert.Equal(RefusalKind.IllegalTransition, Refusal(BranchTasks.Decide(facts, Subsistence, Item(), OpinionTask(), CaseAction.Decide, MzjOfficer, opinion, IntakeAt)));
        Assert.Equal(RefusalKind.IllegalTransition, Refusal(BranchTasks.Decide(Facts("Withdrawn"), Subsistence, Item(), OpinionTask(), CaseAction.GiveOpinion, MzjOfficer, opinion, IntakeAt)));

        var invalid = Assert.IsType<BranchStepOutcome.Invalid>(BranchTasks.Decide(facts, Subsistence, Item(), OpinionTask(), CaseAction.GiveOpinion, MzjOfficer, new OpinionInput(true, " "), IntakeAt));
        Assert.Contains("text", invalid.Errors.Keys);
        var tooLong = Assert.IsType<BranchStepOutcome.Invalid>(BranchTasks.Decide(facts, Subsistence, Item(), OpinionTask(), CaseAction.GiveOpinion, MzjOfficer, new OpinionInput(true, new string('意', OpinionInput.TextMaxLength + 1)), IntakeAt));
        Assert.Contains("text", tooLong.Errors.Keys);
    }

    [Fact]
    public void The_join_goes_on_into_the_publicity_timer_which_waits_seven_working_days_on_the_calendar()
    {
        Assert.Null(TransitionDecider.AutomaticStep(Subsistence, "OpinionsIn", ["Split"]));
        Assert.Equal(CaseAction.Join, TransitionDecider.AutomaticStep(Subsistence, "OpinionsIn", []));
        // The engine reads the open tasks only where the answer depends on them: at the join, and nowhere else.
        Assert.True(TransitionDecider.WaitsOnTasks(Subsistence, "OpinionsIn"));
        Assert.All(Subsistence.States.Where(s => s.Name != "OpinionsIn"), s => Assert.False(TransitionDecider.WaitsOnTasks(Subsistence, s.Name)));

        // Mon 2026-03-23 10:00 plus 7 working days: the end of Wed 04-01.
        var joined = Decided(Decide(Facts("OpinionsIn", currentPostId: BackOfficePost.PostId), CaseAction.Join, Engine, At("2026-03-23T10:00:00+08:00")));

        Assert.Equal("Publicity", joined.ToState);
        Assert.Equal(EndOf("2026-04-01"), joined.Record.WaitUntil);
        Assert.Contains(joined.Timers, t => t.Kind == Tongban.Workflows.Clocks.DeadlineTimerKind.WaitOver && t.DueAt == EndOf("2026-04-01"));
        Assert.Null(TransitionDecider.AutomaticStep(Subsistence, "Publicity", []));

        var elapsed = Decided(Decide(Facts("Publicity", record: joined.Record, currentPostId: BackOfficePost.PostId), CaseAction.Elapse, Actor.Node("timer", BackOfficePost), EndOf("2026-04-01").AddSeconds(1)));
        Assert.Equal("Handling", elapsed.ToState);
        Assert.Null(elapsed.Record.WaitUntil);
        Assert.DoesNotContain(elapsed.Timers, t => t.Kind == Tongban.Workflows.Clocks.DeadlineTimerKind.WaitOver);
    }

    [Theory]
    [InlineData(true, "ApprovedToWindow")]
    [InlineData(false, "RejectedToWindow")]
    public void The_decision_node_takes_the_edge_of_the_cases_decision_and_hands_the_result_to_the_window(bool approved, string transit)
    {
        var decided = Decided(Decide(Facts("Handling", currentPostId: BackOfficePost.PostId), CaseAction.Decide, BackOffice, IntakeAt.AddDays(9), new ActionInput.Decide(approved, approved ? "准予" : "不符合条件")));
        Assert.Equal("Outcome", decided.ToState);
        Assert.Equal(CaseAction.Choose, TransitionDecider.AutomaticStep(Subsistence, "Outcome", []));

        var chosen = Decided(Decide(Facts("Outcome", record: decided.Record, clock: decided.Clock, currentPostId: BackOfficePost.PostId), CaseAction.Choose, Engine, IntakeAt.AddDays(9)));

        Assert.Equal(transit, chosen.ToState);
        Assert.Equal(new HandOff(PostRole.WindowClerk, Dongmen), chosen.HandOff);
    }

    private static RefusalKind Refusal(BranchStepOutcome outcome) => Assert.IsType<BranchStepOutcome.Refused>(outcome).Kind;
}
