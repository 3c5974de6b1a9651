using Microsoft.EntityFrameworkCore;
using Tongban.Gateway.Pages.Infrastructure;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Organisation;

namespace Tongban.Gateway.Pages.Bureau;

/// <summary>
/// The bureau's filters over the county's cases: jurisdiction (a township matches the resident's registration
/// township, a community the intake community), item, state, and the date range the case was taken in.
/// States read the clocks the time-limit engine keeps on each case.
/// </summary>
public sealed record BureauFilter(string? Jurisdiction, string? Item, string State, DateOnly? From, DateOnly? To)
{
    public static readonly IReadOnlyList<(string Value, string Label)> States =
    [
        ("open", "在办（未办结）"),
        ("atrisk", "预警"),
        ("overdue", "超期"),
        ("stageoverdue", "环节超时"),
        ("completed", "已办结"),
        ("all", "全部"),
    ];

    public static BureauFilter Create(string? jurisdiction, string? item, string? state, DateOnly? from, DateOnly? to) => new(
        string.IsNullOrWhiteSpace(jurisdiction) ? null : jurisdiction.Trim(),
        string.IsNullOrWhiteSpace(item) ? null : item.Trim(),
        States.Any(s => s.Value == state) ? state! : "open",
        from,
        to);

    /// <summary>The query string that reproduces this filter.</summary>
    public string Query(int? page = null)
    {
        var parts = new List<string>();
        if (Jurisdiction is not null) parts.Add("jurisdiction=" + Uri.EscapeDataString(Jurisdiction));
        if (Item is not null) parts.Add("item=" + Uri.EscapeDataString(Item));
        parts.Add("state=" + State);
        if (From is { } f) parts.Add("from=" + CountyClock.FormatDate(f));
        if (To is { } t) parts.Add("to=" + CountyClock.FormatDate(t));
        if (page is { } p) parts.Add("p=" + p);
        return string.Join("&", parts);
    }

    /// <summary>For the audit record: the filter in words, no personal data.</summary>
    public string Describe() => $"jurisdiction={Jurisdiction ?? "*"}; item={Item ?? "*"}; state={State}; from={From?.ToString("yyyy-MM-dd") ?? "*"}; to={To?.ToString("yyyy-MM-dd") ?? "*"}";

    /// <summary>Jurisdiction and item only (the trend and the counts apply their own state split).</summary>
    public IQueryable<Case> Where(IQueryable<Case> cases, OrgDirectory.Snapshot org)
    {
        var q = cases.Where(c => c.State != "None");
        if (Jurisdiction is { } j && org.Jurisdictions.TryGetValue(j, out var place))
        {
            q = place.Kind == JurisdictionKind.UrbanCommunity ? q.Where(c => c.IntakeCommunityId == j) : q.Where(c => c.RegistrationTownshipId == j);
        }

        if (Item is { } item) q = q.Where(c => c.ItemCode == item);
        return q;
    }

    /// <summary>Every filter, for the drill-down list and the export.</summary>
    public IQueryable<Case> Apply(IQueryable<Case> cases, OrgDirectory.Snapshot org, CountyClock clock)
    {
        var q = Where(cases, org);
        if (From is { } from)
        {
            var start = clock.StartOf(from);
            q = q.Where(c => c.OpenedAt >= start);
        }

        if (To is { } to)
        {
            var end = clock.StartOf(to.AddDays(1));
            q = q.Where(c => c.OpenedAt < end);
        }

        var now = clock.Now;
        return State switch
        {
            "open" => q.Where(c => c.CompletedAt == null),
            "atrisk" => q.Where(CaseStates.AtRisk(now)),
            "overdue" => q.Where(CaseStates.Overdue(now)),
            "stageoverdue" => q.Where(CaseStates.StageOverdue(now)),
            "completed" => q.Where(c => c.CompletedAt != null),
            _ => q,
        };
    }

    /// <summary>The bureau's states as query predicates (translated to SQL; instants compared as stored).</summary>
    public static class CaseStates
    {
        /// <summary>超期: open and the overall period has expired (once expired, an extension does not erase it).</summary>
        public static System.Linq.Expressions.Expression<Func<Case, bool>> Overdue(DateTimeOffset now) =>
            c => c.CompletedAt == null && (c.OverdueAt != null || c.OverallDueAt < now);

        /// <summary>预警: open, not overdue, and the overall period or the current stage has turned yellow.</summary>
        public static System.Linq.Expressions.Expression<Func<Case, bool>> AtRisk(DateTimeOffset now) =>
            c => c.CompletedAt == null && c.OverdueAt == null && c.OverallDueAt >= now
                 && (c.OverallYellowAt <= now || (c.StageYellowAt <= now && c.StageDueAt >= now));

        /// <summary>环节超时: open and the current stage's period has expired.</summary>
        public static System.Linq.Expressions.Expression<Func<Case, bool>> StageOverdue(DateTimeOffset now) =>
            c => c.CompletedAt == null && c.StageDueAt < now;
    }
}

/// <summary>Counts per jurisdiction or item: open, at risk, overdue, stage overdue.</summary>
public sealed record CountRow(string Key, string Label, int Open, int AtRisk, int Overdue, int StageOverdue);

public static class BureauCounts
{
    public static async Task<List<CountRow>> ByAsync(
        IQueryable<Case> cases, System.Linq.Expressions.Expression<Func<Case, string>> key, DateTimeOffset now, Func<string, string> label, CancellationToken ct)
    {
        var rows = await cases.Where(c => c.CompletedAt == null)
            .GroupBy(key)
            .Select(g => new
            {
                g.Key,
                Open = g.Count(),
                AtRisk = g.Sum(c => c.OverdueAt == null && c.OverallDueAt >= now && (c.OverallYellowAt <= now || (c.StageYellowAt <= now && c.StageDueAt >= now)) ? 1 : 0),
                Overdue = g.Sum(c => c.OverdueAt != null || c.OverallDueAt < now ? 1 : 0),
                StageOverdue = g.Sum(c => c.StageDueAt < now ? 1 : 0),
            })
            .ToListAsync(ct);
        return [.. rows.Select(r => new CountRow(r.Key, label(r.Key), r.Open, r.AtRisk, r.Overdue, r.StageOverdue))];
    }
}
