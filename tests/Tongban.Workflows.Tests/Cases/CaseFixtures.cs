using System.Globalization;
using Tongban.Workflows.Calendars;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Catalog;
using Tongban.Workflows.Clocks;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Tests.Calendars;
using Tongban.Workflows.Tests.Routes;

namespace Tongban.Workflows.Tests.Cases;

/// <summary>
/// A case handed in at the dongmen community window for a resident registered in the hexi township, decided
/// from plain facts: no host, no database. March 2026 has no holidays; 清明 is Sat 04-04 to Mon 04-06.
/// </summary>
internal static class CaseFixtures
{
    public const string Dongmen = "dongmen";
    public const string Hexi = "hexi";
    public const string FirstContact = "u-first";

    public static readonly DeadlineCalculator Calendar = new(CalendarData.Calendar2025And2026(), CalendarData.Shanghai);
    public static readonly ClockSettings Settings = new(Calendar, WarningThresholds.Default);
    public static readonly WorkflowDefinition Cross = RouteSamples.Definition("cross-jurisdiction", "T-1", 1);

    public static readonly PostAssignment ClerkPost = new("post-window-dongmen", Dongmen, PostRole.WindowClerk);
    public static readonly PostAssignment SpecialistPost = new("post-specialist-dongmen", Dongmen, PostRole.Specialist);
    public static readonly PostAssignment BackOfficePost = new("post-backoffice-hexi", Hexi, PostRole.BackOffice);

    public static readonly Actor Clerk = new("u-clerk", "窗口王", [ClerkPost]);
    public static readonly Actor Specialist = new("u-specialist", "专员李", [SpecialistPost]);
    public static readonly Actor BackOffice = new("u-backoffice", "后台张", [BackOfficePost]);
    public static readonly Actor HexiNode = Actor.Node("hexi-node", BackOfficePost);

    /// <summary>B of the back-office post while A is present: may act only on cases escalated to B.</summary>
    public static readonly Actor BackupWhileAPresent = new("u-backoffice-b", "后台B", [BackOfficePost with { AsBackup = true, ActingForId = "u-backoffice", OnlyEscalated = true }]);

    public static readonly IReadOnlyList<CasePost> Posts =
    [
        new(ClerkPost.PostId, Dongmen, PostRole.WindowClerk),
        new(SpecialistPost.PostId, Dongmen, PostRole.Specialist),
        new(BackOfficePost.PostId, Hexi, PostRole.BackOffice),
    ];

    /// <summary>Ten working days overall; sign for within 1, accept within 1, handle within 5. Resumes after 补正 unless told.</summary>
    public static ServiceItemSpec Item(bool restartOnCorrection = false) => new()
    {
        Code = "T-1",
        Name = "测试事项",
        Department = "民政",
        ItemType = ItemType.Promised,
        TimeLimitWorkingDays = 10,
        Modes = [CaseMode.ProxyIntake],
        Route = "cross-jurisdiction@1",
        RestartOnCorrection = restartOnCorrection,
        StageLimits = new Dictionary<string, int> { [Stages.Handle] = 5 },
        Materials = [new("ID", "身份证"), new("FORM", "申请表"), new("PHOTO", "照片", Essential: false)],
    };

    public static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    /// <summary>The end of a county-local day: where a period of working days ends.</summary>
    public static DateTimeOffset EndOf(string isoDate) => At($"{isoDate}T23:59:59+08:00");

    /// <summary>Taken in at 10:00 on Mon 2026-03-02: ten working days, due at the end of Mon 03-16.</summary>
    public static readonly DateTimeOffset IntakeAt = At("2026-03-02T10:00:00+08:00");

    public static CaseClock RunningSinceIntake => CaseClock.NotStarted.Start(10, Calendar, WarningThresholds.Default, IntakeAt);

    public static CaseFacts Facts(string state, CaseClock? clock = null, CaseRecord? record = null, string? currentPostId = null, bool escalated = false) => new()
    {
        Id = Guid.Parse("0195f1a0-0000-7000-8000-000000000001"),
        Number = "QS20260302-TEST",
        State = state,
        Mode = CaseMode.ProxyIntake,
        Location = new CaseLocation(Dongmen, Hexi),
        CurrentPostId = currentPostId,
        EscalatedToBackup = escalated,
        FirstContactStaffId = FirstContact,
        Clock = clock ?? RunningSinceIntake,
        Record = record ?? new CaseRecord { MaterialsHandedIn = ["ID", "FORM"] },
        Posts = Posts,
    };

    public static TransitionEffects Decided(StepOutcome outcome)
    {
        if (outcome is StepOutcome.Refused r) Assert.Fail($"expected Decided, got Refused {r.Kind}: {r.Reason}");
        if (outcome is StepOutcome.Invalid i) Assert.Fail($"expected Decided, got Invalid: {string.Join("; ", i.Errors.Select(e => $"{e.Key}={string.Join(",", e.Value)}"))}");
        return Assert.IsType<StepOutcome.Decided>(outcome).Effects;
    }

    public static TransitionEffects Step(CaseFacts facts, CaseAction action, Actor actor, DateTimeOffset now, ActionInput? input = null, ServiceItemSpec? item = null) =>
        Decided(TransitionDecider.Decide(facts, Cross, item ?? Item(), Settings, action, actor, input ?? ActionInput.None.Instance, now));
}
