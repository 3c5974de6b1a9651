using Tongban.Workflows.Clocks;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Organisation;

namespace Tongban.Gateway.Bureau;

/// <summary>
/// The approval bureau's question: which open cases are at risk or overdue, where, in which item, stage and hands.
/// Colours compare stored yellow/due instants with now, so every filter is an index-friendly range.
/// </summary>
public sealed record BureauCaseFilter(string? Jurisdiction, string? Item, string? Stage, string? Holder, Colour? Colour, DateTimeOffset? OpenedFrom, DateTimeOffset? OpenedTo)
{
    /// <summary>Open cases matching the filter; without a colour, those at risk (yellow) or overdue (red).</summary>
    public IQueryable<Case> Apply(IQueryable<Case> cases, DateTimeOffset now, IReadOnlyCollection<Post> posts)
    {
        cases = cases.Where(c => c.CompletedAt == null);
        if (Jurisdiction is { Length: > 0 } j)
        {
            var atJurisdiction = posts.Where(p => p.JurisdictionId == j).Select(p => p.Id).ToList();
            cases = cases.Where(c => c.CurrentPostId != null && atJurisdiction.Contains(c.CurrentPostId));
        }

        if (Holder is { Length: > 0 } h)
        {
            var held = posts.Where(p => p.PrimaryHolderId == h || p.BackupHolderId == h).Select(p => p.Id).ToList();
            cases = cases.Where(c => c.CurrentPostId != null && held.Contains(c.CurrentPostId));
        }

        if (Item is { Length: > 0 } item) cases = cases.Where(c => c.ItemCode == item);
        if (Stage is { Length: > 0 } stage) cases = cases.Where(c => c.Stage == stage);
        if (OpenedFrom is { } from) cases = cases.Where(c => c.OpenedAt >= from);
        if (OpenedTo is { } to) cases = cases.Where(c => c.OpenedAt < to);

        return Colour switch
        {
            Workflows.Clocks.Colour.Red => cases.Where(Red(now)),
            Workflows.Clocks.Colour.Yellow => cases.Where(c => !(c.OverallDueAt < now || c.StageDueAt < now) && (c.OverallYellowAt <= now || c.StageYellowAt <= now)),
            Workflows.Clocks.Colour.Green => cases.Where(c => !(c.OverallDueAt < now || c.StageDueAt < now) && !(c.OverallYellowAt <= now || c.StageYellowAt <= now)),
            _ => cases.Where(c => c.OverallYellowAt <= now || c.StageYellowAt <= now || c.OverallDueAt < now || c.StageDueAt < now),
        };
    }

    public static System.Linq.Expressions.Expression<Func<Case, bool>> Red(DateTimeOffset now) => c => c.OverallDueAt < now || c.StageDueAt < now;
}
