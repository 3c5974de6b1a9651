using System.Linq.Expressions;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Clocks;

namespace Tongban.Workflows.Runtime.Cases;

/// <summary>
/// A case as a list shows it (待办, my cases, the bureau's list and export): number, item, applicant, where it is, its
/// version, and the clock instants its colour is compared with. Not the materials, the decision, the phone or the trace: a
/// desk refreshing its work queue reads up to 500 of these every few seconds, and a whole case deserialises three
/// JSON columns a list never shows (and would put the phone in memory for nothing).
/// </summary>
public sealed record CaseListing(
    Guid Id,
    string Number,
    Guid ItemVersionId,
    string ItemCode,
    string State,
    string? CurrentPostId,
    bool EscalatedToBackup,
    string ApplicantName,
    string ApplicantIdNumber,
    string IntakeCommunityId,
    string RegistrationTownshipId,
    DateTimeOffset OpenedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? OverdueAt,
    DateTimeOffset? ClockStoppedAt,
    ClockStop? ClockStop,
    string? Stage,
    DateTimeOffset? OverallYellowAt,
    DateTimeOffset? OverallDueAt,
    bool OverallProvisional,
    DateTimeOffset? StageYellowAt,
    DateTimeOffset? StageDueAt,
    int Version,
    DateTimeOffset? AttentionAt,
    DateTimeOffset? EarliestDueAt)
{
    /// <summary>The projection a query selects: only these columns are read.</summary>
    public static readonly Expression<Func<Case, CaseListing>> Columns = c => new CaseListing(
        c.Id, c.Number, c.ItemVersionId, c.ItemCode, c.State, c.CurrentPostId, c.EscalatedToBackup, c.ApplicantName, c.ApplicantIdNumber,
        c.IntakeCommunityId, c.RegistrationTownshipId, c.OpenedAt, c.UpdatedAt, c.ClosedAt, c.CompletedAt, c.OverdueAt, c.ClockStoppedAt, c.ClockStop,
        c.Stage, c.OverallYellowAt, c.OverallDueAt, c.OverallProvisional, c.StageYellowAt, c.StageDueAt, c.Version, c.AttentionAt, c.EarliestDueAt);

    private static readonly Func<Case, CaseListing> FromLoaded = Columns.Compile();

    /// <summary>The listing of a case already loaded whole (the same projection, in memory).</summary>
    public static CaseListing Of(Case c) => FromLoaded(c);

    public CaseLocation Location => new(IntakeCommunityId, RegistrationTownshipId);

    /// <summary>The label of <see cref="ClockStop"/> ("补正", "鉴定" …), as <see cref="Case.ClockStopReason"/>.</summary>
    public string? ClockStopReason => ClockStop is { } stop ? ClockStops.Label(stop) : null;
}
