using Tongban.Workflows.Cases;
using Tongban.Workflows.Clocks;
using Tongban.Workflows.Definitions;
using static Tongban.Workflows.Tests.Cases.CaseFixtures;

namespace Tongban.Workflows.Tests.Cases;

/// <summary>What route steps do to a case's state, holder, clocks, timers, journal and messages (限时办结, 补正, AB 双岗).</summary>
public class TransitionDeciderTests
{
    [Fact]
    public void Intake_starts_the_overall_clock_with_the_items_limit_and_hands_the_case_to_the_specialist()
    {
        var facts = Facts(CaseStates.None, clock: CaseClock.NotStarted);

        var effects = Step(facts, CaseAction.Intake, Clerk, IntakeAt);

        Assert.Equal(PilotStates.Submitted, effects.ToState);
        Assert.Null(effects.HolderPostId); // in transit to the specialist
        Assert.Equal(new HandOff(PostRole.Specialist, Dongmen), effects.HandOff);
        Assert.Equal(10, effects.Clock.OverallLimitDays);
        Assert.Equal(IntakeAt, effects.Clock.OverallStartedAt);
        // Tue 03 (1) … Fri 06 (4), Mon 09 (5) … Fri 13 (9), Mon 16 (10). Yellow after 7 (two thirds): Wed 11.
        Assert.Equal(EndOf("2026-03-16"), effects.Clock.OverallDueAt);
        Assert.Equal(EndOf("2026-03-11"), effects.Clock.OverallYellowAt);
        Assert.Null(effects.Clock.Stage);
        Assert.Equal(
            [new DeadlineTimer(DeadlineTimerKind.Yellow, DeadlineTimers.Overall, EndOf("2026-03-11")), new DeadlineTimer(DeadlineTimerKind.Red, DeadlineTimers.Overall, EndOf("2026-03-16"))],
            effects.Timers);
        Assert.Equal(EndOf("2026-03-11"), effects.Clock.AttentionAt);
        Assert.Equal("None -> Submitted at post-window-dongmen", effects.AuditDetail);
        Assert.Null(effects.Detail);
    }

    [Fact]
    public void Receiving_the_hand_off_starts_the_one_day_sign_for_stage_clock_and_its_timers()
    {
        var now = At("2026-03-04T09:00:00+08:00");

        var effects = Step(Facts(PilotStates.ForwardedToTownship), CaseAction.Receive, HexiNode, now);

        Assert.Equal(PilotStates.AwaitingSignFor, effects.ToState);
        Assert.Equal(BackOfficePost.PostId, effects.HolderPostId);
        Assert.Equal(Stages.SignFor, effects.Clock.Stage);
        Assert.Equal(now, effects.Clock.StageStartedAt);
        Assert.Equal(1, effects.Clock.StageLimitDays);
        Assert.Equal(EndOf("2026-03-05"), effects.Clock.StageDueAt);
        // A one-day period is yellow on its last day only: from the end of the start day.
        Assert.Equal(EndOf("2026-03-04"), effects.Clock.StageYellowAt);
        Assert.Contains(new DeadlineTimer(DeadlineTimerKind.Red, Stages.SignFor, EndOf("2026-03-05")), effects.Timers);
        Assert.Contains(new DeadlineTimer(DeadlineTimerKind.Yellow, Stages.SignFor, EndOf("2026-03-04")), effects.Timers);
        Assert.Contains(new DeadlineTimer(DeadlineTimerKind.Red, DeadlineTimers.Overall, EndOf("2026-03-16")), effects.Timers);
        Assert.Equal(EndOf("2026-03-05"), effects.Clock.EarliestDueAt);
        Assert.Null(effects.HandOff);
    }

    [Fact]
    public void Signing_for_stops_the_sign_for_stage_clock_starts_the_accept_stage_and_closes_sign_for_supervision()
    {
        var receivedAt = At("2026-03-04T09:00:00+08:00");
        var awaiting = Step(Facts(PilotStates.ForwardedToTownship), CaseAction.Receive, HexiNode, receivedAt);
        var now = At("2026-03-05T15:00:00+08:00");

        var effects = Step(Facts(PilotStates.AwaitingSignFor, awaiting.Clock, currentPostId: BackOfficePost.PostId), CaseAction.SignFor, BackOffice, now);

        Assert.Equal(Stages.Accept, effects.Clock.Stage);
        Assert.Equal(now, effects.Clock.StageStartedAt);
        Assert.Equal(EndOf("2026-03-06"), effects.Clock.StageDueAt);
        Assert.DoesNotContain(effects.Timers, t => t.Scope == Stages.SignFor);
        Assert.Equal(new SupervisionClosing(false, Stages.SignFor), effects.ClosesSupervision);
        Assert.Equal(awaiting.Clock.OverallDueAt, effects.Clock.OverallDueAt); // the overall clock runs on
    }

    [Fact]
    public void A_step_within_the_same_stage_keeps_the_stage_clock_and_closes_no_supervision()
    {
        var accepted = Step(Facts(PilotStates.SignedFor, currentPostId: BackOfficePost.PostId), CaseAction.Accept, BackOffice, At("2026-03-05T10:00:00+08:00"));

        var effects = Step(Facts(PilotStates.Accepted, accepted.Clock, currentPostId: BackOfficePost.PostId), CaseAction.Handle, BackOffice, At("2026-03-06T10:00:00+08:00"));

        Assert.Equal(Stages.Handle, effects.Clock.Stage);
        Assert.Equal(accepted.Clock.StageStartedAt, effects.Clock.StageStartedAt);
        Assert.Equal(accepted.Clock.StageDueAt, effects.Clock.StageDueAt);
        Assert.Null(effects.ClosesSupervision);
    }

    [Fact]
    public void Return_for_correction_stops_the_overall_clock_keeps_the_days_owed_and_lists_the_materials_once()
    {
        var now = At("2026-03-05T10:00:00+08:00");
        MissingMaterial[] missing = [new("ID", "已过期"), new("PHOTO", "缺少")];
        var facts = Facts(PilotStates.SignedFor, currentPostId: BackOfficePost.PostId) with { Clock = RunningSinceIntake with { Stage = Stages.Accept } };

        var effects = Step(facts, CaseAction.ReturnForCorrection, BackOffice, now, new ActionInput.ReturnForCorrection(missing));

        Assert.Equal(now, effects.Clock.StoppedAt);
        Assert.Equal(ClockStop.Correction, effects.Clock.StoppedFor);
        // Owed: the working days after Thu 03-05 up to Mon 03-16: Fri 06, Mon 09 … Fri 13, Mon 16.
        Assert.Equal(7, effects.Clock.OwedWorkingDays);
        Assert.Null(effects.Clock.OverallDueAt);
        Assert.Null(effects.Clock.OverallYellowAt);
        Assert.DoesNotContain(effects.Timers, t => t.Scope == DeadlineTimers.Overall);
        Assert.Equal(missing, effects.Record.MissingMaterials);
        Assert.Equal(1, effects.Record.CorrectionRounds);
        Assert.Equal(new HandOff(PostRole.WindowClerk, Dongmen), effects.HandOff);
        Assert.Equal(new SupervisionClosing(false, Stages.Accept), effects.ClosesSupervision);
        var detail = Assert.IsType<CorrectionListDetail>(effects.Detail);
        Assert.Equal(missing, detail.Missing);
        var notice = Assert.Single(effects.Notices);
        Assert.Equal((null, FirstContact, "first-contact.ReturnForCorrection"), (notice.PostId, notice.StaffId, notice.Kind));
        Assert.Contains("QS20260302-TEST", notice.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Resubmission_resumes_the_overall_clock_with_the_days_still_owed()
    {
        var stopped = RunningSinceIntake.Stop(ClockStop.Correction, Calendar, At("2026-03-05T10:00:00+08:00"));
        var record = new CaseRecord { MaterialsHandedIn = ["ID", "FORM"], MissingMaterials = [new("PHOTO", "缺少")], CorrectionRounds = 1 };
        var now = At("2026-03-23T10:00:00+08:00");

        var effects = Step(Facts(PilotStates.AwaitingCorrection, stopped, record, ClerkPost.PostId), CaseAction.Resubmit, Clerk, now, new ActionInput.Resubmit(["PHOTO"]));

        Assert.Null(effects.Clock.StoppedAt);
        Assert.Null(effects.Clock.StoppedFor);
        Assert.Null(effects.Clock.OwedWorkingDays);
        Assert.Equal(now, effects.Clock.OverallStartedAt);
        Assert.Equal(7, effects.Clock.PlannedOverallDays);
        // Tue 24 (1) … Fri 27 (4), Mon 30 (5), Tue 31 (6), Wed 04-01 (7).
        Assert.Equal(EndOf("2026-04-01"), effects.Clock.OverallDueAt);
        Assert.Contains(new DeadlineTimer(DeadlineTimerKind.Red, DeadlineTimers.Overall, EndOf("2026-04-01")), effects.Timers);
        Assert.Equal(["ID", "FORM", "PHOTO"], effects.Record.MaterialsHandedIn);
        Assert.Empty(effects.Record.MissingMaterials);
        Assert.Equal(["PHOTO"], Assert.IsType<MaterialsSuppliedDetail>(effects.Detail).Materials);
    }

    [Fact]
    public void Resubmission_restarts_the_full_period_when_the_item_says_so()
    {
        var stopped = RunningSinceIntake.Stop(ClockStop.Correction, Calendar, At("2026-03-05T10:00:00+08:00"));
        var now = At("2026-03-23T10:00:00+08:00");

        var effects = Step(Facts(PilotStates.AwaitingCorrection, stopped, currentPostId: ClerkPost.PostId), CaseAction.Resubmit, Clerk, now, new ActionInput.Resubmit(["PHOTO"]), Item(restartOnCorrection: true));

        Assert.Equal(10, effects.Clock.PlannedOverallDays);
        // Tue 24 (1) … Fri 04-03 (9), 清明 Sat 04-04 to Mon 04-06 off, Tue 04-07 (10).
        Assert.Equal(EndOf("2026-04-07"), effects.Clock.OverallDueAt);
    }

    [Fact]
    public void The_decision_ends_the_overall_and_stage_clocks_cancels_every_timer_and_closes_all_supervision()
    {
        var handling = RunningSinceIntake with { Stage = Stages.Handle, StageStartedAt = IntakeAt, StageLimitDays = 5, StageDueAt = EndOf("2026-03-09"), StageYellowAt = EndOf("2026-03-06") };
        var now = At("2026-03-10T10:00:00+08:00");

        var effects = Step(Facts(PilotStates.Handling, handling, currentPostId: BackOfficePost.PostId), CaseAction.Decide, BackOffice, now, new ActionInput.Decide(true, "准予登记"));

        Assert.Equal(now, effects.Clock.CompletedAt);
        Assert.Null(effects.Clock.Stage);
        Assert.Null(effects.Clock.StageDueAt);
        Assert.Null(effects.Clock.AttentionAt);
        Assert.Null(effects.Clock.EarliestDueAt);
        Assert.Empty(effects.Timers);
        Assert.Equal(new SupervisionClosing(true, Stages.Handle), effects.ClosesSupervision);
        Assert.Equal(true, effects.Record.Approved);
        Assert.Equal("准予登记", effects.Record.DecisionText);
        Assert.Equal(new DecisionDetail(true, "准予登记"), effects.Detail);
        Assert.Null(effects.ClosedAt); // decided, not yet archived
        Assert.Contains("已办结（准予）", Assert.Single(effects.Notices).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Archiving_closes_the_case()
    {
        var decided = RunningSinceIntake.Complete(At("2026-03-10T10:00:00+08:00"));
        var now = At("2026-03-12T10:00:00+08:00");

        var effects = Step(Facts(PilotStates.Delivered, decided, currentPostId: ClerkPost.PostId), CaseAction.Archive, Clerk, now);

        Assert.Equal(now, effects.ClosedAt);
        Assert.Null(effects.HolderPostId);
    }

    [Fact]
    public void A_bad_review_asks_for_rectification_and_a_good_one_does_not()
    {
        var decided = RunningSinceIntake.Complete(At("2026-03-10T10:00:00+08:00"));
        var facts = Facts(PilotStates.Delivered, decided, currentPostId: ClerkPost.PostId);

        var bad = Step(facts, CaseAction.Evaluate, Clerk, At("2026-03-11T10:00:00+08:00"), new ActionInput.Evaluate(4));
        var good = Step(facts, CaseAction.Evaluate, Clerk, At("2026-03-11T10:00:00+08:00"), new ActionInput.Evaluate(2));

        Assert.Equal(4, bad.BadReviewLevel);
        Assert.Equal(4, bad.Record.EvaluationLevel);
        Assert.Equal(new EvaluationDetail(4), bad.Detail);
        Assert.Null(good.BadReviewLevel);
    }

    [Fact]
    public void The_timers_withdrawal_ends_the_clocks_and_closes_the_case()
    {
        var now = At("2026-03-09T10:00:00+08:00");

        var effects = Decided(TransitionDecider.Decide(Facts(PilotStates.AtSpecialist, currentPostId: SpecialistPost.PostId), Cross, Item(), Settings, CaseAction.Withdraw, Actor.Node("timer", ClerkPost), ActionInput.None.Instance, now));

        Assert.Equal(PilotStates.Withdrawn, effects.ToState);
        Assert.Equal(now, effects.Clock.CompletedAt);
        Assert.Equal(now, effects.ClosedAt);
        Assert.Empty(effects.Timers);
    }

    [Fact]
    public void A_case_escalated_to_B_stays_with_B_while_at_the_same_post_and_B_may_act_on_it()
    {
        var facts = Facts(PilotStates.AwaitingSignFor, currentPostId: BackOfficePost.PostId, escalated: true);

        var effects = Step(facts, CaseAction.SignFor, BackupWhileAPresent, At("2026-03-06T10:00:00+08:00"));

        Assert.True(effects.EscalatedToBackup);
        Assert.True(effects.AtPost.AsBackup);
        Assert.Equal("u-backoffice", effects.AtPost.ActingForId);
        Assert.Equal("AwaitingSignFor -> SignedFor at post-backoffice-hexi as B for u-backoffice", effects.AuditDetail);
    }

    [Fact]
    public void Escalation_to_B_ends_when_the_case_moves_to_another_post()
    {
        var facts = Facts(PilotStates.SignedFor, currentPostId: BackOfficePost.PostId, escalated: true);

        var effects = Step(facts, CaseAction.ReturnForCorrection, BackupWhileAPresent, At("2026-03-06T10:00:00+08:00"), new ActionInput.ReturnForCorrection([new("ID", "已过期")]));

        Assert.False(effects.EscalatedToBackup);
    }

    [Fact]
    public void B_may_not_act_while_A_is_present_on_a_case_that_was_not_escalated()
    {
        var outcome = TransitionDecider.Decide(Facts(PilotStates.AwaitingSignFor, currentPostId: BackOfficePost.PostId), Cross, Item(), Settings, CaseAction.SignFor, BackupWhileAPresent, ActionInput.None.Instance, At("2026-03-06T10:00:00+08:00"));

        Assert.Equal(RefusalKind.NotYourPost, Assert.IsType<StepOutcome.Refused>(outcome).Kind);
    }

    [Fact]
    public void Invalid_input_is_refused_with_the_field_before_anything_is_decided()
    {
        var outcome = TransitionDecider.Decide(Facts(PilotStates.SignedFor, currentPostId: BackOfficePost.PostId), Cross, Item(), Settings, CaseAction.ReturnForCorrection, BackOffice, new ActionInput.ReturnForCorrection([]), At("2026-03-06T10:00:00+08:00"));

        Assert.Contains("missing", Assert.IsType<StepOutcome.Invalid>(outcome).Errors.Keys);
    }

    [Fact]
    public void A_promise_under_deferred_acceptance_wants_its_timer_until_the_materials_are_in()
    {
        var promiseDue = EndOf("2026-03-09");
        var record = new CaseRecord { MaterialsHandedIn = ["ID", "FORM"], DeferredMaterials = ["PHOTO"], PromiseDueAt = promiseDue };

        var effects = Step(Facts(CaseStates.None, CaseClock.NotStarted, record), CaseAction.Intake, Clerk, IntakeAt);

        Assert.Contains(new DeadlineTimer(DeadlineTimerKind.PromiseDue, DeadlineTimers.Promise, promiseDue), effects.Timers);
    }
}
