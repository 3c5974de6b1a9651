using Tongban.Workflows.Catalog;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Clocks;

namespace Tongban.Workflows.Runtime.Cases;

/// <summary>
/// A case (办件): a workflow instance pinned to the definition of the item version it started with.
/// Holds the resident's personal data; never log or trace it (use the masked forms).
/// </summary>
/// <remarks>
/// What a case is (item, people, places) is set once when it is built (init). What steps change (state, holder,
/// clocks, record) is set then and afterwards only through <see cref="Apply"/> with effects a decider returned;
/// EF Core reads and writes the backing fields. Only the bureau's counting columns are set from outside.
/// </remarks>
public sealed class Case
{
    public Guid Id { get; init; }

    /// <summary>The number staff and residents quote, e.g. QS20261121-3F9A2C81D0.</summary>
    public required string Number { get; init; }

    public Guid ItemVersionId { get => _itemVersionId; init => _itemVersionId = value; }
    private Guid _itemVersionId;

    public required string ItemCode { get; init; }

    public int ItemVersion { get => _itemVersion; init => _itemVersion = value; }
    private int _itemVersion;

    public required string DefinitionId { get => _definitionId; init => _definitionId = value; }
    private string _definitionId = "";

    public required string State { get => _state; init => _state = value; }
    private string _state = CaseStates.None;

    public CaseMode Mode { get; init; }

    public required string IntakeCommunityId { get; init; }
    public required string RegistrationTownshipId { get; init; }

    /// <summary>The post holding the case now; null while it is in transit between jurisdictions or closed.</summary>
    public string? CurrentPostId { get => _currentPostId; init => _currentPostId = value; }
    private string? _currentPostId;

    public required string ApplicantName { get; init; }
    public required string ApplicantIdNumber { get; init; }
    public required string ApplicantPhone { get; init; }

    public List<string> MaterialsHandedIn { get => _materialsHandedIn; init => _materialsHandedIn = value; }
    private List<string> _materialsHandedIn = [];

    public List<MissingMaterial> MissingMaterials { get => _missingMaterials; init => _missingMaterials = value; }
    private List<MissingMaterial> _missingMaterials = [];

    public int CorrectionRounds { get => _correctionRounds; init => _correctionRounds = value; }
    private int _correctionRounds;

    public bool? Approved { get => _approved; init => _approved = value; }
    private bool? _approved;

    public string? DecisionText { get => _decisionText; init => _decisionText = value; }
    private string? _decisionText;

    public DeliveryMethod? DeliveryMethod { get => _deliveryMethod; init => _deliveryMethod = value; }
    private DeliveryMethod? _deliveryMethod;

    public int? EvaluationLevel { get => _evaluationLevel; init => _evaluationLevel = value; }
    private int? _evaluationLevel;

    /// <summary>How the application came in (window, door-to-door, online); counted per channel.</summary>
    public CaseChannel Channel { get; init; }

    /// <summary>
    /// Set when the A holder of <see cref="CurrentPostId"/> did not sign for the case in time: the case went to B,
    /// who may then act on it even though A is present. Cleared when the case moves to another post. (The timer
    /// sets it set-wise, see TimerEffects.)
    /// </summary>
    public bool EscalatedToBackup { get => _escalatedToBackup; init => _escalatedToBackup = value; }
    private bool _escalatedToBackup;

    /// <summary>The resident asked at intake not to be sent milestone notices (SMS); the lookup still works.</summary>
    public bool NoticesOptedOut { get; init; }

    /// <summary>首问责任人: the first staff member the resident reached; stays on record for the whole case.</summary>
    public required string FirstContactStaffId { get; init; }

    public DateTimeOffset OpenedAt { get; init; }
    public DateTimeOffset UpdatedAt { get => _updatedAt; init => _updatedAt = value; }
    private DateTimeOffset _updatedAt;

    public DateTimeOffset? ClosedAt { get => _closedAt; init => _closedAt = value; }
    private DateTimeOffset? _closedAt;

    // 限时办结 (see CaseClock). Yellow/due instants are stored, so the colour of any case at any time is a
    // comparison, and "overdue now" is an index range.

    public int OverallLimitDays { get => _overallLimitDays; init => _overallLimitDays = value; }
    private int _overallLimitDays;

    public DateTimeOffset? OverallStartedAt { get => _overallStartedAt; init => _overallStartedAt = value; }
    private DateTimeOffset? _overallStartedAt;

    public int PlannedOverallDays { get => _plannedOverallDays; init => _plannedOverallDays = value; }
    private int _plannedOverallDays;

    public DateTimeOffset? OverallDueAt { get => _overallDueAt; init => _overallDueAt = value; }
    private DateTimeOffset? _overallDueAt;

    public DateTimeOffset? OverallYellowAt { get => _overallYellowAt; init => _overallYellowAt = value; }
    private DateTimeOffset? _overallYellowAt;

    public bool OverallProvisional { get => _overallProvisional; init => _overallProvisional = value; }
    private bool _overallProvisional;

    /// <summary>Set while the clock is stopped (补正 or a special procedure); the due instant is then undefined.</summary>
    public DateTimeOffset? ClockStoppedAt { get => _clockStoppedAt; init => _clockStoppedAt = value; }
    private DateTimeOffset? _clockStoppedAt;

    /// <summary>Why the clock is stopped; stored as its Chinese label in the ClockStopReason column.</summary>
    public ClockStop? ClockStop { get => _clockStop; init => _clockStop = value; }
    private ClockStop? _clockStop;

    /// <summary>The label of <see cref="ClockStop"/> ("补正", "鉴定" …) for the pages that show it; not a column.</summary>
    public string? ClockStopReason => _clockStop is { } stop ? ClockStops.Label(stop) : null;

    public int? OwedWorkingDays { get => _owedWorkingDays; init => _owedWorkingDays = value; }
    private int? _owedWorkingDays;

    public int ExtensionDays { get => _extensionDays; init => _extensionDays = value; }
    private int _extensionDays;

    /// <summary>When the overall period first expired. Never cleared: a later extension does not erase it. (Set by the timer, set-wise.)</summary>
    public DateTimeOffset? OverdueAt { get; init; }

    public DateTimeOffset? CompletedAt { get => _completedAt; init => _completedAt = value; }
    private DateTimeOffset? _completedAt;

    public string? Stage { get => _stage; init => _stage = value; }
    private string? _stage;

    public DateTimeOffset? StageStartedAt { get => _stageStartedAt; init => _stageStartedAt = value; }
    private DateTimeOffset? _stageStartedAt;

    public int? StageLimitDays { get => _stageLimitDays; init => _stageLimitDays = value; }
    private int? _stageLimitDays;

    public DateTimeOffset? StageDueAt { get => _stageDueAt; init => _stageDueAt = value; }
    private DateTimeOffset? _stageDueAt;

    public DateTimeOffset? StageYellowAt { get => _stageYellowAt; init => _stageYellowAt = value; }
    private DateTimeOffset? _stageYellowAt;

    public bool StageProvisional { get => _stageProvisional; init => _stageProvisional = value; }
    private bool _stageProvisional;

    /// <summary>
    /// Derived from the clocks above (earliest yellow and earliest due of the overall and stage periods), null
    /// once decided: "needs attention now" and "overdue now" are then one index range each for the bureau.
    /// </summary>
    public DateTimeOffset? AttentionAt { get => _attentionAt; init => _attentionAt = value; }
    private DateTimeOffset? _attentionAt;

    public DateTimeOffset? EarliestDueAt { get => _earliestDueAt; init => _earliestDueAt = value; }
    private DateTimeOffset? _earliestDueAt;

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
    public List<string> DeferredMaterials { get => _deferredMaterials; init => _deferredMaterials = value; }
    private List<string> _deferredMaterials = [];

    public DateTimeOffset? PromiseDueAt { get => _promiseDueAt; init => _promiseDueAt = value; }
    private DateTimeOffset? _promiseDueAt;

    /// <summary>At a timer node of the route (e.g. 公示): when its working days are over and the case goes on.</summary>
    public DateTimeOffset? WaitUntil { get => _waitUntil; init => _waitUntil = value; }
    private DateTimeOffset? _waitUntil;

    /// <summary>
    /// W3C traceparent of the intake transition. Every later transition joins this trace, so one case is one
    /// trace across windows, nodes and days; the request that triggered a step is linked, not parent.
    /// </summary>
    public string? TraceParent { get => _traceParent; init => _traceParent = value; }
    private string? _traceParent;

    /// <summary>Optimistic concurrency token: bumped by every transition, so two clerks cannot both win.</summary>
    public int Version { get => _version; init => _version = value; }
    private int _version;

    public List<CaseHistoryEntry> History { get; set; } = [];

    public CaseLocation Location => new(IntakeCommunityId, RegistrationTownshipId);

    /// <summary>The clocks as one value (not a column: the fields above are).</summary>
    public CaseClock Clock => new()
    {
        OverallLimitDays = _overallLimitDays, OverallStartedAt = _overallStartedAt, PlannedOverallDays = _plannedOverallDays,
        OverallDueAt = _overallDueAt, OverallYellowAt = _overallYellowAt, OverallProvisional = _overallProvisional,
        StoppedAt = _clockStoppedAt, StoppedFor = _clockStop, OwedWorkingDays = _owedWorkingDays, ExtensionDays = _extensionDays, CompletedAt = _completedAt,
        Stage = _stage, StageStartedAt = _stageStartedAt, StageLimitDays = _stageLimitDays, StageDueAt = _stageDueAt, StageYellowAt = _stageYellowAt, StageProvisional = _stageProvisional,
    };

    /// <summary>The record as one value (not a column).</summary>
    public CaseRecord Record => new()
    {
        MaterialsHandedIn = _materialsHandedIn, MissingMaterials = _missingMaterials, CorrectionRounds = _correctionRounds,
        DeferredMaterials = _deferredMaterials, PromiseDueAt = _promiseDueAt,
        Approved = _approved, DecisionText = _decisionText, DeliveryMethod = _deliveryMethod, EvaluationLevel = _evaluationLevel, WaitUntil = _waitUntil,
    };

    /// <summary>The case as the deciders see it.</summary>
    public CaseFacts Facts(IReadOnlyList<CasePost>? posts = null) => new()
    {
        Id = Id, Number = Number, State = _state, Mode = Mode, Channel = Channel, Location = Location, CurrentPostId = _currentPostId, EscalatedToBackup = _escalatedToBackup,
        FirstContactStaffId = FirstContactStaffId, OverdueAt = OverdueAt, Clock = Clock, Record = Record, Posts = posts ?? [],
    };

    /// <summary>Applies a step's effects: state, holder, clocks and record, and a new version (the journal's sequence).</summary>
    public void Apply(TransitionEffects effects)
    {
        _state = effects.ToState;
        _currentPostId = effects.HolderPostId;
        _escalatedToBackup = effects.EscalatedToBackup;
        _closedAt = effects.ClosedAt ?? _closedAt;
        _updatedAt = effects.At;
        _version++;
        ApplyClock(effects.Clock);
        ApplyRecord(effects.Record);
    }

    /// <summary>
    /// Moves the case to another version of its item (a route migration plan, see MigrationPlanner): its state
    /// becomes the mapped node, held by <paramref name="holderPostId"/> (null for an end node, which closes it); a
    /// new version, so the journal entry that records it has its own sequence. Clocks and record stay as they are.
    /// </summary>
    public void MigrateTo(Guid itemVersionId, int itemVersion, string definitionId, string state, string? holderPostId, bool closes, DateTimeOffset at)
    {
        (_itemVersionId, _itemVersion, _definitionId) = (itemVersionId, itemVersion, definitionId);
        (_state, _currentPostId, _escalatedToBackup) = (state, holderPostId, false);
        if (closes) _closedAt ??= at;
        _updatedAt = at;
        _version++;
    }

    /// <summary>Stores re-planned clocks that are not a step (e.g. provisional deadlines recomputed); no new version.</summary>
    public void ApplyClock(CaseClock clock)
    {
        (_overallLimitDays, _overallStartedAt, _plannedOverallDays, _overallDueAt, _overallYellowAt, _overallProvisional) =
            (clock.OverallLimitDays, clock.OverallStartedAt, clock.PlannedOverallDays, clock.OverallDueAt, clock.OverallYellowAt, clock.OverallProvisional);
        (_clockStoppedAt, _clockStop, _owedWorkingDays, _extensionDays, _completedAt) = (clock.StoppedAt, clock.StoppedFor, clock.OwedWorkingDays, clock.ExtensionDays, clock.CompletedAt);
        (_stage, _stageStartedAt, _stageLimitDays, _stageDueAt, _stageYellowAt, _stageProvisional) =
            (clock.Stage, clock.StageStartedAt, clock.StageLimitDays, clock.StageDueAt, clock.StageYellowAt, clock.StageProvisional);
        (_attentionAt, _earliestDueAt) = (clock.AttentionAt, clock.EarliestDueAt);
    }

    /// <summary>The first step joins its trace to the case; later steps keep it.</summary>
    public void JoinTrace(string? traceParent) => _traceParent ??= traceParent;

    private void ApplyRecord(CaseRecord record)
    {
        // Lists are replaced only when they changed, so EF does not see a change where there is none.
        if (!record.MaterialsHandedIn.SequenceEqual(_materialsHandedIn)) _materialsHandedIn = [.. record.MaterialsHandedIn];
        if (!record.MissingMaterials.SequenceEqual(_missingMaterials)) _missingMaterials = [.. record.MissingMaterials];
        if (!record.DeferredMaterials.SequenceEqual(_deferredMaterials)) _deferredMaterials = [.. record.DeferredMaterials];
        (_correctionRounds, _promiseDueAt, _approved, _decisionText, _deliveryMethod, _evaluationLevel) =
            (record.CorrectionRounds, record.PromiseDueAt, record.Approved, record.DecisionText, record.DeliveryMethod, record.EvaluationLevel);
        _waitUntil = record.WaitUntil;
    }

    /// <summary>
    /// A step on one of the case's branch tasks (并联办理): the case's own state stays, but it gets a new version (the
    /// journal's sequence, and the guard that lets only one of two concurrent task steps fire the join).
    /// </summary>
    public void TouchForTask(DateTimeOffset at)
    {
        _updatedAt = at;
        _version++;
    }
}
