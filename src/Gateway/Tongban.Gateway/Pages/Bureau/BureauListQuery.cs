using Tongban.Gateway.Pages.Infrastructure;
using Tongban.UseCases.Bureau;
using Tongban.Workflows.Clocks;

namespace Tongban.Gateway.Pages.Bureau;

/// <summary>
/// The bureau pages' query string: the fields of the filter form, and their translation into the one
/// <see cref="BureauCaseFilter"/> the API uses too. <c>jurisdiction</c> means "held by it now", as in
/// <c>GET /api/bureau/cases</c>; <c>residentOf</c> means "registered in it or taken in at it".
/// </summary>
public sealed record BureauListQuery(string? Jurisdiction, string? ResidentOf, string? Item, string State, DateOnly? From, DateOnly? To)
{
    public static readonly IReadOnlyList<(string Value, string Label)> States =
    [
        ("open", "在办（未办结）"),
        ("atrisk", "预警"),
        ("overdue", "超期（总时限或当前环节时限已过）"),
        ("completed", "已办结"),
        ("all", "全部"),
    ];

    public static BureauListQuery Create(string? jurisdiction, string? residentOf, string? item, string? state, DateOnly? from, DateOnly? to) => new(
        Blank(jurisdiction), Blank(residentOf), Blank(item), States.Any(s => s.Value == state) ? state! : "open", from, to);

    /// <summary>The filter the use cases ask, the county-local dates as the instants that bound them.</summary>
    public BureauCaseFilter ToFilter(CountyClock clock) => new(
        HeldBy: Jurisdiction,
        ResidentOf: ResidentOf,
        Item: Item,
        Colour: State switch { "atrisk" => Colour.Yellow, "overdue" => Colour.Red, _ => null },
        Scope: State switch { "completed" => BureauScope.Completed, "all" => BureauScope.All, _ => BureauScope.Open },
        OpenedFrom: From is { } f ? clock.StartOf(f) : null,
        OpenedTo: To is { } t ? clock.StartOf(t.AddDays(1)) : null);

    /// <summary>The query string that reproduces this filter.</summary>
    public string Query(int? page = null)
    {
        var parts = new List<string>();
        if (Jurisdiction is not null) parts.Add("jurisdiction=" + Uri.EscapeDataString(Jurisdiction));
        if (ResidentOf is not null) parts.Add("residentOf=" + Uri.EscapeDataString(ResidentOf));
        if (Item is not null) parts.Add("item=" + Uri.EscapeDataString(Item));
        parts.Add("state=" + State);
        if (From is { } f) parts.Add("from=" + CountyClock.FormatDate(f));
        if (To is { } t) parts.Add("to=" + CountyClock.FormatDate(t));
        if (page is { } p) parts.Add("p=" + p);
        return string.Join("&", parts);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
