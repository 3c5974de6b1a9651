using Tongban.Workflows.Catalog;
using Tongban.Workflows.Clocks;

namespace Tongban.Workflows.Cases.Steps;

/// <summary>What a step kind decides from: the case before the step, its item, the clock settings, the input, the instant.</summary>
public sealed record StepContext(CaseFacts Facts, ServiceItemSpec Item, ClockSettings Clocks, ActionInput Input, DateTimeOffset Now)
{
    /// <summary>A step that changes neither clocks nor record.</summary>
    public StepChange Unchanged => new(Facts.Clock, Facts.Record);
}

/// <summary>What a step kind changes: the overall clock and the record, notices it sends, a bad review it reports.</summary>
public sealed record StepChange(CaseClock Clock, CaseRecord Record)
{
    public IReadOnlyList<Notice> Notices { get; init; } = [];
    public int? BadReviewLevel { get; init; }
}
