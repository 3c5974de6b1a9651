using Tongban.Workflows.Catalog;
using Tongban.Workflows.Cases;

namespace Tongban.Workflows.Runtime.Cases;

/// <summary>
/// A case (办件): a workflow instance pinned to the definition of the item version it started with.
/// Holds the resident's personal data; never log or trace it (use the masked forms).
/// </summary>
public sealed class Case
{
    public Guid Id { get; set; }

    /// <summary>The number staff and residents quote, e.g. QS20261121-3F9A2C81D0.</summary>
    public required string Number { get; set; }

    public Guid ItemVersionId { get; set; }
    public required string ItemCode { get; set; }
    public int ItemVersion { get; set; }
    public required string DefinitionId { get; set; }

    public required string State { get; set; }
    public CaseMode Mode { get; set; }

    public required string IntakeCommunityId { get; set; }
    public required string RegistrationTownshipId { get; set; }

    /// <summary>The post holding the case now; null while it is in transit between jurisdictions or closed.</summary>
    public string? CurrentPostId { get; set; }

    public required string ApplicantName { get; set; }
    public required string ApplicantIdNumber { get; set; }
    public required string ApplicantPhone { get; set; }

    public List<string> MaterialsHandedIn { get; set; } = [];
    public List<MissingMaterial> MissingMaterials { get; set; } = [];
    public int CorrectionRounds { get; set; }

    public bool? Approved { get; set; }
    public string? DecisionText { get; set; }
    public DeliveryMethod? DeliveryMethod { get; set; }
    public int? EvaluationLevel { get; set; }

    /// <summary>How the application came in (window, door-to-door, online); counted per channel.</summary>
    public CaseChannel Channel { get; set; }

    /// <summary>
    /// Set when the A holder of <see cref="CurrentPostId"/> did not sign for the case in time: the case went to B,
    /// who may then act on it even though A is present. Cleared when the case moves to another post.
    /// </summary>
    public bool EscalatedToBackup { get; set; }

    /// <summary>首问责任人: the first staff member the resident reached; stays on record for the whole case.</summary>
    public required string FirstContactStaffId { get; set; }

    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    // 限时办结. The overall period runs from intake to the decision (办结); it stops while the applicant corrects
    // materials or a special procedure runs. Stages have their own periods. Yellow/due instants are stored, so
    // the colour of any case at any time is a comparison, and "overdue now" is an index range.

    public int OverallLimitDays { get; set; }

    /// <summary>When the current overall period began (intake, or a resume/restart) and how many working days it has.</summary>
    public DateTimeOffset? OverallStartedAt { get; set; }
    public int PlannedOverallDays { get; set; }
    public DateTimeOffset? OverallDueAt { get; set; }
    public DateTimeOffset? OverallYellowAt { get; set; }
    public bool OverallProvisional { get; set; }

    /// <summary>Set while the clock is stopped (补正 or a special procedure); the due instant is then undefined.</summary>
    public DateTimeOffset? ClockStoppedAt { get; set; }
    public string? ClockStopReason { get; set; }

    /// <summary>Working days still owed when the clock stopped; resuming plans these from the resume instant.</summary>
    public int? OwedWorkingDays { get; set; }

    /// <summary>Working days added by approved extensions (延期).</summary>
    public int ExtensionDays { get; set; }

    /// <summary>When the overall period first expired. Never cleared: a later extension does not erase it.</summary>
    public DateTimeOffset? OverdueAt { get; set; }

    /// <summary>When the overall clock ended: decided (办结) or withdrawn.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    public string? Stage { get; set; }
    public DateTimeOffset? StageStartedAt { get; set; }
    public int? StageLimitDays { get; set; }
    public DateTimeOffset? StageDueAt { get; set; }
    public DateTimeOffset? StageYellowAt { get; set; }
    public bool StageProvisional { get; set; }

    /// <summary>
    /// Derived from the clocks above (earliest yellow and earliest due of the overall and stage periods), null
    /// once decided: "needs attention now" and "overdue now" are then one index range each for the bureau.
    /// </summary>
    public DateTimeOffset? AttentionAt { get; set; }
    public DateTimeOffset? EarliestDueAt { get; set; }

    /// <summary>
    /// The band the bureau's running counts count this case in, as of its last write (set on save; moved on by the
    /// band sweep as the clock passes AttentionAt and EarliestDueAt). Not a concurrency token: the sweep moving it
    /// must not make a clerk's concurrent action fail; a save reads it under lock instead (BureauCountsInterceptor).
    /// </summary>
    public Monitoring.AttentionBand CountedBand { get; set; }

    /// <summary>
    /// While now is in [CountedFrom, CountedUntil] the counted band is the band now; outside, the case is one the
    /// bureau query corrects for and the band sweep moves. Two plain ranges, so finding those cases reads only them.
    /// </summary>
    public DateTimeOffset? CountedFrom { get; set; }
    public DateTimeOffset? CountedUntil { get; set; }

    /// <summary>容缺受理: non-essential materials the applicant promised in writing to supply by <see cref="PromiseDueAt"/>.</summary>
    public List<string> DeferredMaterials { get; set; } = [];
    public DateTimeOffset? PromiseDueAt { get; set; }

    /// <summary>
    /// W3C traceparent of the intake transition. Every later transition joins this trace, so one case is one
    /// trace across windows, nodes and days; the request that triggered a step is linked, not parent.
    /// </summary>
    public string? TraceParent { get; set; }

    /// <summary>Optimistic concurrency token: bumped by every transition, so two clerks cannot both win.</summary>
    public int Version { get; set; }

    public List<CaseHistoryEntry> History { get; set; } = [];

    public CaseLocation Location => new(IntakeCommunityId, RegistrationTownshipId);
}
