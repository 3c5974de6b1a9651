using Tongban.Workflows.Cases;
using Tongban.Workflows.Clocks;
using Tongban.Workflows.Posts;
using Tongban.Workflows.Tests.Cases;
using static Tongban.Workflows.Tests.Cases.CaseFixtures;

namespace Tongban.Workflows.Tests.Clocks;

/// <summary>The timers a case's clocks want, and what a fired timer does (催办, 督办, 通报, AB escalation, 视为撤回).</summary>
public class TimerRulesTests
{
    private static readonly TimerPost BackOffice = new(BackOfficePost.PostId, Hexi, new PostHolders("u-a", "u-b", "u-head"));

    private static TimerCaseFacts Case(string state = PilotStates.AwaitingSignFor, bool escalated = false, IReadOnlyList<string>? deferred = null, DateTimeOffset? completedAt = null) =>
        new("QS20260302-TEST", state, BackOffice.Id, FirstContact, escalated, deferred ?? [], completedAt);

    private static readonly DateTimeOffset Expired = At("2026-03-06T00:00:05+08:00");

    [Fact]
    public void A_running_case_wants_yellow_and_red_timers_for_the_overall_period_and_its_stage()
    {
        var clock = RunningSinceIntake with { Stage = Stages.Handle, StageDueAt = EndOf("2026-03-09"), StageYellowAt = EndOf("2026-03-06") };

        var timers = DeadlineTimers.For(clock, [], null);

        Assert.Equal(
            [
                new DeadlineTimer(DeadlineTimerKind.Yellow, DeadlineTimers.Overall, EndOf("2026-03-11")),
                new DeadlineTimer(DeadlineTimerKind.Red, DeadlineTimers.Overall, EndOf("2026-03-16")),
                new DeadlineTimer(DeadlineTimerKind.Yellow, Stages.Handle, EndOf("2026-03-06")),
                new DeadlineTimer(DeadlineTimerKind.Red, Stages.Handle, EndOf("2026-03-09")),
            ],
            timers);
    }

    [Fact]
    public void A_same_day_period_has_no_yellow_timer_only_its_expiry()
    {
        var immediate = CaseClock.NotStarted.Start(0, Calendar, WarningThresholds.Default, IntakeAt);

        var timers = DeadlineTimers.For(immediate, [], null);

        Assert.Equal([new DeadlineTimer(DeadlineTimerKind.Red, DeadlineTimers.Overall, EndOf("2026-03-02"))], timers);
    }

    [Fact]
    public void A_stopped_clock_wants_no_overall_timers_and_a_completed_one_none_at_all()
    {
        var stopped = RunningSinceIntake.Stop(ClockStop.Correction, Calendar, At("2026-03-05T10:00:00+08:00"));
        var completed = RunningSinceIntake.Complete(At("2026-03-05T10:00:00+08:00"));

        Assert.Empty(DeadlineTimers.For(stopped, [], null));
        Assert.Empty(DeadlineTimers.For(completed, ["PHOTO"], EndOf("2026-03-09")));
    }

    [Fact]
    public void Sign_for_expiry_sends_the_case_to_B_and_tells_A_and_B()
    {
        var expiry = TimerRules.OnExpiry(Case(), Cross, Stages.SignFor, BackOffice, Calendar, 5, Expired);

        Assert.True(expiry.EscalatesToBackup);
        Assert.False(expiry.MarksOverdue);
        Assert.Contains(new Notice(null, "u-b", "escalated-to-backup", "案件 QS20260302-TEST 超过签收时限未签收，已转由您（B岗）办理。"), expiry.Notices);
        Assert.Contains(expiry.Notices, n => n.StaffId == "u-a" && n.Kind == "escalated-to-backup");
        Assert.Equal("AwaitingSignFor at post-backoffice-hexi to u-b", expiry.EscalationAuditDetail);
    }

    [Theory]
    [InlineData(PilotStates.AwaitingSignFor, true, Stages.SignFor)]
    [InlineData(PilotStates.SignedFor, false, Stages.SignFor)]
    [InlineData(PilotStates.Handling, false, Stages.Handle)]
    public void Only_an_unsigned_case_not_yet_with_B_goes_to_B(string state, bool escalated, string scope)
    {
        var expiry = TimerRules.OnExpiry(Case(state, escalated), Cross, scope, BackOffice, Calendar, 5, Expired);

        Assert.False(expiry.EscalatesToBackup);
        Assert.DoesNotContain(expiry.Notices, n => n.Kind == "escalated-to-backup");
        Assert.Null(expiry.EscalationAuditDetail);
    }

    /// <summary>Unsigned: at the state whose step is sign-for; in every shipped route, the one the code used to name (待签收) and no other.</summary>
    [Fact]
    public void Only_the_state_whose_step_is_sign_for_goes_to_B_in_every_shipped_route()
    {
        foreach (var id in Routes.RouteSamples.ShippedIds)
        {
            var definition = Routes.RouteSamples.Definition(id, "T-1", 1);
            foreach (var state in definition.States)
            {
                var expiry = TimerRules.OnExpiry(Case(state.Name), definition, Stages.SignFor, BackOffice, Calendar, 5, Expired);
                Assert.Equal(state.Name == PilotStates.AwaitingSignFor, expiry.EscalatesToBackup);
            }
        }
    }

    [Fact]
    public void Overall_expiry_records_the_case_overdue_tells_the_first_contact_and_opens_supervision_with_escalation_five_working_days_later()
    {
        var expiry = TimerRules.OnExpiry(Case(PilotStates.Handling), Cross, DeadlineTimers.Overall, BackOffice, Calendar, 5, Expired);

        Assert.True(expiry.MarksOverdue);
        // Five working days after Fri 03-06: Mon 09 … Fri 13.
        Assert.Equal(EndOf("2026-03-13"), expiry.EscalateAt);
        Assert.Equal(["first-contact.Overdue", "supervision", "supervision"], expiry.Notices.Select(n => n.Kind));
        Assert.Equal(FirstContact, expiry.Notices[0].StaffId);
        Assert.Equal(BackOffice.Id, expiry.Notices[1].PostId);
        Assert.Equal("u-head", expiry.Notices[2].StaffId);
        Assert.Contains("办理时限", expiry.Notices[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Yellow_reminds_the_post_holding_the_case()
    {
        var notice = TimerRules.Reminder(Case(), Stages.SignFor);

        Assert.Equal(new Notice(BackOffice.Id, null, "reminder", "催办：案件 QS20260302-TEST 的签收时限即将届满，请及时办理。"), notice);
    }

    [Fact]
    public void Responsibility_names_B_on_a_case_escalated_to_B_and_the_present_A_otherwise()
    {
        var today = new DateOnly(2026, 3, 6);

        Assert.Equal("u-b", TimerRules.HolderNow(Case(escalated: true), BackOffice, [], today));
        Assert.Equal("u-a", TimerRules.HolderNow(Case(), BackOffice, [], today));
        Assert.Equal("u-b", TimerRules.HolderNow(Case(), BackOffice, [new Absence("u-a", today, today)], today));
        Assert.Equal(FirstContact, TimerRules.HolderNow(Case(), null, [], today));
    }

    [Fact]
    public void A_promise_not_kept_withdraws_the_case_and_tells_the_window_and_the_first_contact()
    {
        var notices = TimerRules.OnPromiseDue(Case(deferred: ["PHOTO", "HUKOU"]), ClerkPost.PostId);

        Assert.NotNull(notices);
        Assert.Equal(ClerkPost.PostId, notices[0].PostId);
        Assert.Contains("容缺材料（PHOTO、HUKOU）", notices[0].Text, StringComparison.Ordinal);
        Assert.Equal(FirstContact, notices[1].StaffId);
    }

    [Fact]
    public void A_promise_kept_or_a_closed_case_is_not_withdrawn()
    {
        Assert.Null(TimerRules.OnPromiseDue(Case(), ClerkPost.PostId));
        Assert.Null(TimerRules.OnPromiseDue(Case(deferred: ["PHOTO"], completedAt: IntakeAt), ClerkPost.PostId));
    }
}
