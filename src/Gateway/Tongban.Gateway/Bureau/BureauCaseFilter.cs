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
    /// <summary>
    /// Only a colour, or nothing: the county-wide counts, which the running counts answer without a scan. Green is
    /// not counted there (three quarters of the open cases), so it is a drill-down.
    /// </summary>
    public bool IsCountyWide =>
        Jurisdiction is not { Length: > 0 } && Holder is not { Length: > 0 } && Item is not { Length: > 0 } && Stage is not { Length: > 0 }
        && OpenedFrom is null && OpenedTo is null && Colour is null or Workflows.Clocks.Colour.Yellow or Workflows.Clocks.Colour.Red;

    /// <summary>
    /// Open cases matching the filter; without a colour, those at risk (yellow) or overdue (red). AttentionAt and
    /// EarliestDueAt are null once a case is decided, so the colour ranges select open cases only.
    /// </summary>
    public IQueryable<Case> Apply(IQueryable<Case> cases, DateTimeOffset now, IReadOnlyCollection<Post> posts)
    {
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
            Workflows.Clocks.Colour.Red => cases.Where(c => c.EarliestDueAt < now),
            Workflows.Clocks.Colour.Yellow => cases.Where(c => c.AttentionAt <= now && c.EarliestDueAt >= now),
            Workflows.Clocks.Colour.Green => cases.Where(c => c.CompletedAt == null && !(c.AttentionAt <= now)),
            _ => cases.Where(c => c.AttentionAt <= now),
        };
    }
}
