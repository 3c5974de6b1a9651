using Tongban.Workflows.Clocks;
using Tongban.Workflows.Definitions;

namespace Tongban.Workflows.Cases;

/// <summary>
/// Everything one step does to a case, decided from facts: the next state and holder, the clocks, the record,
/// the timers the deadlines want, the journal entry, the audit line and the messages. The runtime applies it to
/// the entity and persists journal, audit, notices, timers and outbox from it, in one unit of work.
/// </summary>
public sealed record TransitionEffects
{
    public required CaseAction Action { get; init; }
    public required string FromState { get; init; }
    public required string ToState { get; init; }

    /// <summary>The post the step was taken at (journalled, with whom it acted for).</summary>
    public required PostAssignment AtPost { get; init; }

    /// <summary>The post holding the case afterwards; null in transit or closed.</summary>
    public required string? HolderPostId { get; init; }

    /// <summary>AB 双岗: escalation to B ends when the case moves to another post.</summary>
    public required bool EscalatedToBackup { get; init; }

    /// <summary>Set when the step reaches a final state.</summary>
    public DateTimeOffset? ClosedAt { get; init; }
    public required CaseClock Clock { get; init; }
    public required CaseRecord Record { get; init; }
    public required IReadOnlyList<DeadlineTimer> Timers { get; init; }
    public JournalDetail? Detail { get; init; }

    /// <summary>The audit trail's detail line, e.g. "SignedFor -> Accepted at post-x as B for a".</summary>
    public required string AuditDetail { get; init; }

    /// <summary>A route step hands the case over the bus to another jurisdiction's post.</summary>
    public HandOff? HandOff { get; init; }

    /// <summary>A fork: the assisting branches' first tasks to open (并联办理).</summary>
    public IReadOnlyList<BranchTaskDefinition> OpensTasks { get; init; } = [];

    public IReadOnlyList<Notice> Notices { get; init; } = [];

    /// <summary>Open supervision items to close: the stage left, or all of them once the case is decided.</summary>
    public SupervisionClosing? ClosesSupervision { get; init; }

    /// <summary>延期申请: the request to open for the unit head.</summary>
    public ExtensionAsked? RequestsExtension { get; init; }

    /// <summary>差评: a bad review opens a rectification item for the unit that decided the case.</summary>
    public int? BadReviewLevel { get; init; }

    public required DateTimeOffset At { get; init; }
}

/// <summary>The case goes to <paramref name="Role"/> in <paramref name="JurisdictionId"/>.</summary>
public sealed record HandOff(PostRole Role, string JurisdictionId);

/// <summary>A notice (站内通知) to a post or a staff member.</summary>
public sealed record Notice(string? PostId, string? StaffId, string Kind, string Text);

/// <summary>Which open supervision items a step ends: all (decided or withdrawn), or those of the stage it left.</summary>
public sealed record SupervisionClosing(bool All, string? Stage);

/// <summary>What deciding a step came to.</summary>
public abstract record StepOutcome
{
    private StepOutcome() { }

    public sealed record Decided(TransitionEffects Effects) : StepOutcome;

    public sealed record Refused(RefusalKind Kind, string Reason) : StepOutcome;

    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : StepOutcome;

    public static Refused Refuse(RefusalKind kind, string reason) => new(kind, reason);

    public static Invalid InvalidField(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
}
