using Tongban.Workflows.Cases;
using Tongban.Workflows.Clocks;
using Tongban.Workflows.Definitions;
using static Tongban.Workflows.Tests.Cases.CaseFixtures;

namespace Tongban.Workflows.Tests.Cases;

/// <summary>Special procedures (中止/恢复计时), extensions (延期) and 容缺 materials, decided from facts.</summary>
public class CaseOperationsTests
{
    private static CaseFacts Handling(CaseClock? clock = null) => Facts(PilotStates.Handling, clock, currentPostId: BackOfficePost.PostId);

    [Fact]
    public void A_special_procedure_stops_the_overall_clock_and_the_applicant_side_is_told()
    {
        var now = At("2026-03-05T10:00:00+08:00");

        var effects = Decided(CaseOperations.StopClock(Handling(), BackOffice, SpecialProcedure.Appraisal, "伤残等级鉴定", Settings, now));

        Assert.Equal(PilotStates.Handling, effects.ToState);
        Assert.Equal(ClockStop.Appraisal, effects.Clock.StoppedFor);
        Assert.Equal(now, effects.Clock.StoppedAt);
        Assert.Equal(7, effects.Clock.OwedWorkingDays);
        Assert.DoesNotContain(effects.Timers, t => t.Scope == DeadlineTimers.Overall);
        Assert.Equal(new ClockStoppedDetail(SpecialProcedure.Appraisal, "伤残等级鉴定"), effects.Detail);
        var notice = Assert.Single(effects.Notices);
        Assert.Equal(("clock-stopped", FirstContact), (notice.Kind, notice.StaffId));
        Assert.Contains("因鉴定中止计时（伤残等级鉴定）", notice.Text, StringComparison.Ordinal);
        Assert.Equal("Handling at post-backoffice-hexi", effects.AuditDetail);
    }

    [Fact]
    public void After_a_special_procedure_the_clock_resumes_with_the_days_owed_even_where_corrections_restart_it()
    {
        var stopped = RunningSinceIntake.Stop(ClockStop.Appraisal, Calendar, At("2026-03-05T10:00:00+08:00"));
        var now = At("2026-03-23T10:00:00+08:00");

        var effects = Decided(CaseOperations.ResumeClock(Handling(stopped), BackOffice, Item(restartOnCorrection: true), Settings, now));

        Assert.Null(effects.Clock.StoppedAt);
        Assert.Equal(7, effects.Clock.PlannedOverallDays);
        Assert.Equal(EndOf("2026-04-01"), effects.Clock.OverallDueAt);
        Assert.Contains(new DeadlineTimer(DeadlineTimerKind.Red, DeadlineTimers.Overall, EndOf("2026-04-01")), effects.Timers);
        Assert.Equal(new ClockResumedDetail(ClockStop.Appraisal), effects.Detail);
    }

    [Fact]
    public void A_clock_stopped_for_correction_is_not_resumed_by_staff()
    {
        var stopped = RunningSinceIntake.Stop(ClockStop.Correction, Calendar, At("2026-03-05T10:00:00+08:00"));

        var outcome = CaseOperations.ResumeClock(Handling(stopped), BackOffice, Item(), Settings, At("2026-03-06T10:00:00+08:00"));

        Assert.Equal(RefusalKind.IllegalTransition, Assert.IsType<StepOutcome.Refused>(outcome).Kind);
    }

    [Fact]
    public void Only_the_holder_stops_the_clock_and_not_twice()
    {
        var notHolder = CaseOperations.StopClock(Handling(), Clerk, SpecialProcedure.Hearing, "听证", Settings, At("2026-03-05T10:00:00+08:00"));
        var stopped = RunningSinceIntake.Stop(ClockStop.Hearing, Calendar, At("2026-03-05T10:00:00+08:00"));
        var again = CaseOperations.StopClock(Handling(stopped), BackOffice, SpecialProcedure.Hearing, "听证", Settings, At("2026-03-06T10:00:00+08:00"));

        Assert.Equal(RefusalKind.NotYourPost, Assert.IsType<StepOutcome.Refused>(notHolder).Kind);
        Assert.Equal(RefusalKind.IllegalTransition, Assert.IsType<StepOutcome.Refused>(again).Kind);
    }

    private static PendingExtension Request(int days = 5, bool pending = true) =>
        new(Guid.Parse("0195f1a0-0000-7000-8000-0000000000e1"), days, "需补充调查", pending, new CasePost(BackOfficePost.PostId, Hexi, PostRole.BackOffice), "u-head");

    private static readonly Actor Head = new("u-head", "镇长", []);

    [Fact]
    public void An_approved_extension_moves_the_due_date_by_its_working_days()
    {
        var effects = Decided(CaseOperations.DecideExtension(Handling(), Request(), Head, approve: true, note: "同意", Settings, At("2026-03-10T10:00:00+08:00")));

        Assert.Equal(5, effects.Clock.ExtensionDays);
        Assert.Equal(15, effects.Clock.PlannedOverallDays);
        Assert.Equal(IntakeAt, effects.Clock.OverallStartedAt);
        // Fifteen working days from Mon 03-02: … Mon 16 (10), Tue 17 … Fri 20 (14), Mon 23 (15).
        Assert.Equal(EndOf("2026-03-23"), effects.Clock.OverallDueAt);
        Assert.Contains(new DeadlineTimer(DeadlineTimerKind.Red, DeadlineTimers.Overall, EndOf("2026-03-23")), effects.Timers);
        Assert.Equal(new ExtensionDecidedDetail(Request().Id, true, "同意"), effects.Detail);
        Assert.Equal(["extension-decided", "extension-approved"], effects.Notices.Select(n => n.Kind));
        Assert.Equal(BackOfficePost.PostId, effects.Notices[0].PostId);
        Assert.Equal(FirstContact, effects.Notices[1].StaffId);
    }

    [Fact]
    public void An_extension_approved_while_the_clock_is_stopped_adds_to_the_days_owed()
    {
        var stopped = RunningSinceIntake.Stop(ClockStop.Appraisal, Calendar, At("2026-03-05T10:00:00+08:00"));

        var effects = Decided(CaseOperations.DecideExtension(Handling(stopped), Request(3), Head, approve: true, note: null, Settings, At("2026-03-10T10:00:00+08:00")));

        Assert.Equal(10, effects.Clock.OwedWorkingDays);
        Assert.Null(effects.Clock.OverallDueAt);
    }

    [Fact]
    public void A_refused_extension_leaves_the_clock_and_only_the_post_is_told()
    {
        var effects = Decided(CaseOperations.DecideExtension(Handling(), Request(), Head, approve: false, note: null, Settings, At("2026-03-10T10:00:00+08:00")));

        Assert.Equal(RunningSinceIntake, effects.Clock);
        Assert.Equal("extension-decided", Assert.Single(effects.Notices).Kind);
    }

    [Fact]
    public void Only_the_unit_head_decides_an_extension_and_only_once()
    {
        var byClerk = CaseOperations.DecideExtension(Handling(), Request(), BackOffice, approve: true, note: null, Settings, At("2026-03-10T10:00:00+08:00"));
        var twice = CaseOperations.DecideExtension(Handling(), Request(pending: false), Head, approve: true, note: null, Settings, At("2026-03-10T10:00:00+08:00"));

        Assert.Equal(RefusalKind.NotYourPost, Assert.IsType<StepOutcome.Refused>(byClerk).Kind);
        Assert.Equal(RefusalKind.IllegalTransition, Assert.IsType<StepOutcome.Refused>(twice).Kind);
    }

    [Fact]
    public void An_extension_asked_for_after_expiry_is_marked_so()
    {
        var inTime = Decided(CaseOperations.RequestExtension(Handling(), BackOffice, 5, "需补充调查", anotherPending: false, "u-head", At("2026-03-10T10:00:00+08:00")));
        var late = Decided(CaseOperations.RequestExtension(Handling(), BackOffice, 5, "需补充调查", anotherPending: false, "u-head", At("2026-03-17T10:00:00+08:00")));

        Assert.Equal(new ExtensionAsked(5, "需补充调查", BackOfficePost.PostId, AfterExpiry: false), inTime.RequestsExtension);
        Assert.True(late.RequestsExtension!.AfterExpiry);
        Assert.Equal(new Notice(null, "u-head", "extension-requested", "案件 QS20260302-TEST 申请延期 5 个工作日，请审批。"), Assert.Single(inTime.Notices));
        Assert.Equal(new ExtensionRequestedDetail(5, "需补充调查"), inTime.Detail);
        Assert.Equal(RunningSinceIntake, inTime.Clock);
    }

    [Fact]
    public void A_second_pending_extension_request_is_refused()
    {
        var outcome = CaseOperations.RequestExtension(Handling(), BackOffice, 5, "需补充调查", anotherPending: true, "u-head", At("2026-03-10T10:00:00+08:00"));

        Assert.Equal(RefusalKind.IllegalTransition, Assert.IsType<StepOutcome.Refused>(outcome).Kind);
    }

    [Fact]
    public void Supplying_the_last_promised_material_ends_the_promise_and_its_timer()
    {
        var record = new CaseRecord { MaterialsHandedIn = ["ID", "FORM"], DeferredMaterials = ["PHOTO"], PromiseDueAt = EndOf("2026-03-09") };
        var facts = Facts(PilotStates.Handling, record: record, currentPostId: BackOfficePost.PostId);

        var effects = Decided(CaseOperations.SupplyMaterials(facts, Clerk, ["PHOTO"], At("2026-03-05T10:00:00+08:00")));

        Assert.Empty(effects.Record.DeferredMaterials);
        Assert.Null(effects.Record.PromiseDueAt);
        Assert.Equal(["ID", "FORM", "PHOTO"], effects.Record.MaterialsHandedIn);
        Assert.DoesNotContain(effects.Timers, t => t.Kind == DeadlineTimerKind.PromiseDue);
        Assert.Equal(["PHOTO"], Assert.IsType<MaterialsSuppliedDetail>(effects.Detail).Materials);
    }

    [Fact]
    public void A_material_that_was_not_deferred_cannot_be_supplied_as_promised()
    {
        var outcome = CaseOperations.SupplyMaterials(Facts(PilotStates.Handling), Clerk, ["ID"], At("2026-03-05T10:00:00+08:00"));

        Assert.Contains("materials", Assert.IsType<StepOutcome.Invalid>(outcome).Errors.Keys);
    }
}
