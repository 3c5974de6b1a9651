using Tongban.Workflows.Catalog;
using Tongban.Workflows.Clocks;
using Tongban.Workflows.Definitions;

namespace Tongban.Workflows.Cases;

/// <summary>
/// A case as the deciders see it: plain values loaded from the entity, nothing tracked. Deciding from facts and
/// applying the effects afterwards keeps every rule testable without a host or a database.
/// </summary>
public sealed record CaseFacts
{
    public required Guid Id { get; init; }

    /// <summary>The number staff and residents quote; notices name the case by it.</summary>
    public required string Number { get; init; }
    public required string State { get; init; }
    public required CaseMode Mode { get; init; }

    /// <summary>How the application came in; a route's decision may branch on it.</summary>
    public CaseChannel Channel { get; init; }
    public required CaseLocation Location { get; init; }

    /// <summary>The post holding the case now; null in transit or closed.</summary>
    public string? CurrentPostId { get; init; }

    /// <summary>AB 双岗: the case went to B because A did not sign for it in time.</summary>
    public bool EscalatedToBackup { get; init; }
    public required string FirstContactStaffId { get; init; }

    /// <summary>When the overall period first expired; never cleared.</summary>
    public DateTimeOffset? OverdueAt { get; init; }
    public required CaseClock Clock { get; init; }
    public required CaseRecord Record { get; init; }

    /// <summary>The posts of the case's two jurisdictions, so the decider can name the post that holds the case next.</summary>
    public IReadOnlyList<CasePost> Posts { get; init; } = [];
}

/// <summary>A post in one of the case's jurisdictions.</summary>
public sealed record CasePost(string Id, string JurisdictionId, PostRole Role);

/// <summary>What the case holds on paper: materials, corrections, promises, the decision, delivery and evaluation.</summary>
public sealed record CaseRecord
{
    public IReadOnlyList<string> MaterialsHandedIn { get; init; } = [];
    public IReadOnlyList<MissingMaterial> MissingMaterials { get; init; } = [];
    public int CorrectionRounds { get; init; }

    /// <summary>容缺受理: non-essential materials the applicant promised in writing to supply by <see cref="PromiseDueAt"/>.</summary>
    public IReadOnlyList<string> DeferredMaterials { get; init; } = [];
    public DateTimeOffset? PromiseDueAt { get; init; }
    public bool? Approved { get; init; }
    public string? DecisionText { get; init; }
    public DeliveryMethod? DeliveryMethod { get; init; }
    public int? EvaluationLevel { get; init; }

    /// <summary>At a timer node (e.g. 公示): when its working days are over and the case goes on.</summary>
    public DateTimeOffset? WaitUntil { get; init; }
}
