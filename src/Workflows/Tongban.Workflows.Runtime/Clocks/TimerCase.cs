using Tongban.Workflows.Clocks;
using Tongban.Workflows.Runtime.Cases;

namespace Tongban.Workflows.Runtime.Clocks;

/// <summary>
/// The columns of a case that a fired timer reads. A sweep after an outage reads thousands of cases per second;
/// projecting these instead of materialising <see cref="Case"/> skips its other columns and JSON documents.
/// </summary>
public sealed record TimerCase(
    Guid Id, string Number, string ItemCode, Guid ItemVersionId, string State, string IntakeCommunityId, string? CurrentPostId, string FirstContactStaffId,
    bool EscalatedToBackup, DateTimeOffset OpenedAt, DateTimeOffset UpdatedAt, DateTimeOffset? CompletedAt, int ExtensionDays,
    DateTimeOffset? OverallStartedAt, DateTimeOffset? OverallDueAt, DateTimeOffset? StageStartedAt, DateTimeOffset? StageDueAt,
    List<string> DeferredMaterials)
{
    public static IQueryable<TimerCase> Of(IQueryable<Case> cases) => cases.Select(c => new TimerCase(
        c.Id, c.Number, c.ItemCode, c.ItemVersionId, c.State, c.IntakeCommunityId, c.CurrentPostId, c.FirstContactStaffId,
        c.EscalatedToBackup, c.OpenedAt, c.UpdatedAt, c.CompletedAt, c.ExtensionDays,
        c.OverallStartedAt, c.OverallDueAt, c.StageStartedAt, c.StageDueAt,
        c.DeferredMaterials));

    public TimerCaseFacts ToFacts() => new(Number, State, CurrentPostId, FirstContactStaffId, EscalatedToBackup, DeferredMaterials, CompletedAt);
}
