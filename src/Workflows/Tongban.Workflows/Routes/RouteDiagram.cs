using System.Globalization;
using System.Net;
using System.Text;
using Tongban.Workflows.Cases;

namespace Tongban.Workflows.Routes;

/// <summary>
/// Draws a route as an inline SVG on the server: one column (swimlane) per participant, one row per layer of the
/// graph (longest path from the start, loops drawn back up on the right), zh-CN labels, hand-offs dashed, nodes
/// with validator errors outlined in red with the messages as their tooltip. Pure; no script, no fonts or
/// images to fetch. It draws invalid routes too (that is when the marks matter), so it assumes nothing the
/// validator checks. Nodes a valid route has but today's engine cannot run yet (the compiler's refusals) are
/// outlined in amber instead: nothing is wrong with them.
/// </summary>
public static class RouteDiagram
{
    private const int NodeWidth = 176;
    private const int NodeHeight = 54;
    private const int ColumnGap = 36;
    private const int RowHeight = 96;
    private const int Header = 44;
    private const int Margin = 16;
    private const int LoopSpace = 130;

    public static string ToSvg(RouteFile route, IReadOnlyList<RouteError> errors, IReadOnlyList<RouteError>? notExecutable = null, IReadOnlyList<NodeProgress>? progress = null)
    {
        var layout = RouteLayout.Of(route);
        var ci = CultureInfo.InvariantCulture;
        var lanes = layout.Lanes;
        var laneX = new Dictionary<string, int>(StringComparer.Ordinal);
        var x = Margin;
        foreach (var lane in lanes)
        {
            laneX[lane.Participant] = x;
            x += (lane.Columns * (NodeWidth + ColumnGap)) - ColumnGap + (2 * Margin);
        }

        var width = x + LoopSpace;
        var height = Header + (layout.Layers * RowHeight) + Margin;
        var centre = layout.Nodes.ToDictionary(
            p => p.Node.Id,
            p => (X: laneX[p.Lane] + Margin + (p.Column * (NodeWidth + ColumnGap)) + (NodeWidth / 2), Y: Header + (p.Layer * RowHeight) + (RowHeight / 2)),
            StringComparer.Ordinal);
        var errorsAt = ByNode(errors);
        var limitsAt = ByNode(notExecutable ?? []);
        var progressAt = (progress ?? []).GroupBy(p => p.Node, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        var svg = new StringBuilder();
        svg.Append(ci, $"<svg class=\"route-diagram\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" font-family=\"sans-serif\" font-size=\"13\">");
        svg.Append(ci, $"<title>{Encode($"{route.Name}（{route.Reference}）")}</title>");
        svg.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>");

        foreach (var (lane, index) in lanes.Select((l, i) => (l, i)))
        {
            var left = laneX[lane.Participant];
            var laneWidth = (lane.Columns * (NodeWidth + ColumnGap)) - ColumnGap + (2 * Margin);
            svg.Append(ci, $"<rect x=\"{left}\" y=\"4\" width=\"{laneWidth}\" height=\"{height - 8}\" fill=\"{(index % 2 == 0 ? "#f4f7fb" : "#fbfbf4")}\" stroke=\"#d8dde6\"/>");
            svg.Append(ci, $"<text x=\"{left + (laneWidth / 2)}\" y=\"28\" text-anchor=\"middle\" font-weight=\"bold\">{Encode(LaneLabel(lane.Participant))}</text>");
        }

        foreach (var edge in layout.Edges)
        {
            DrawEdge(svg, edge, centre[edge.Edge.From], centre[edge.Edge.To], width);
        }

        foreach (var placed in layout.Nodes)
        {
            var id = placed.Node.Id;
            var mark = errorsAt.TryGetValue(id, out var wrong) ? new Mark("has-error", "#c0392b", "!", wrong)
                : limitsAt.TryGetValue(id, out var later) ? new Mark("not-executable", "#d68910", "…", later)
                : progressAt.TryGetValue(id, out var here) ? here.Any(p => p.Late) ? new Mark("is-late", "#c0392b", "!", [.. here.Select(p => p.Note)]) : new Mark("is-current", "#1565c0", "●", [.. here.Select(p => p.Note)])
                : null;
            DrawNode(svg, placed.Node, centre[id], mark, route.WithdrawTo == id);
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static void DrawEdge(StringBuilder svg, RouteLayout.PlacedEdge placed, (int X, int Y) from, (int X, int Y) to, int width)
    {
        var ci = CultureInfo.InvariantCulture;
        var edge = placed.Edge;
        var dash = placed.HandOff ? " stroke-dasharray=\"6 4\"" : "";
        var colour = placed.HandOff ? "#1f5fbf" : "#555";
        svg.Append(ci, $"<g class=\"edge{(placed.HandOff ? " handoff" : "")}\" data-from=\"{Encode(edge.From)}\" data-to=\"{Encode(edge.To)}\">");
        (int X, int Y) label;
        if (placed.Back)
        {
            // A loop (e.g. the corrected case going back to sign-for) runs up the right-hand margin.
            var right = width - LoopSpace + 24;
            svg.Append(ci, $"<path d=\"M{from.X + (NodeWidth / 2)},{from.Y} C{right},{from.Y} {right},{to.Y} {to.X + (NodeWidth / 2)},{to.Y}\" fill=\"none\" stroke=\"{colour}\"{dash} marker-end=\"url(#arrow)\"/>");
            label = (right - 12, (from.Y + to.Y) / 2);
        }
        else
        {
            var (x1, y1, x2, y2) = (from.X, from.Y + (NodeHeight / 2), to.X, to.Y - (NodeHeight / 2));
            var midY = (y1 + y2) / 2;
            svg.Append(ci, $"<path d=\"M{x1},{y1} L{x1},{midY} L{x2},{midY} L{x2},{y2}\" fill=\"none\" stroke=\"{colour}\"{dash} marker-end=\"url(#arrow)\"/>");
            label = (x2 + 4, midY - 4);
        }

        var text = EdgeLabel(edge, placed.HandOff);
        if (text.Length > 0) svg.Append(ci, $"<text x=\"{label.X}\" y=\"{label.Y}\" font-size=\"11\" fill=\"{colour}\">{Encode(text)}</text>");
        svg.Append("</g>");
    }

    private sealed record Mark(string CssClass, string Colour, string Badge, List<string> Messages);

    /// <summary>Where a running case is on its route (its state's node, or an open branch task), who holds it, and whether it is late.</summary>
    public sealed record NodeProgress(string Node, bool Late, string Note);

    private static Dictionary<string, List<string>> ByNode(IEnumerable<RouteError> errors) =>
        errors.Where(e => e.Node is not null).GroupBy(e => e.Node!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToList(), StringComparer.Ordinal);

    private static void DrawNode(StringBuilder svg, RouteNode node, (int X, int Y) c, Mark? mark, bool withdrawal)
    {
        var ci = CultureInfo.InvariantCulture;
        var stroke = mark?.Colour ?? "#34495e";
        var strokeWidth = mark is null ? 1.5 : 3;
        var (left, top) = (c.X - (NodeWidth / 2), c.Y - (NodeHeight / 2));
        svg.Append(ci, $"<g class=\"node kind-{Encode(node.Kind)}{(mark is null ? "" : " " + mark.CssClass)}\" data-node=\"{Encode(node.Id)}\">");
        if (mark is not null) svg.Append(ci, $"<title>{Encode($"{node.Id}：{string.Join("；", mark.Messages)}")}</title>");
        switch (node.Kind)
        {
            case NodeKinds.Start or NodeKinds.End:
                svg.Append(ci, $"<rect x=\"{left}\" y=\"{top + 6}\" width=\"{NodeWidth}\" height=\"{NodeHeight - 12}\" rx=\"21\" fill=\"{(node.Kind == NodeKinds.Start ? "#e8f5e9" : "#eceff1")}\" stroke=\"{stroke}\" stroke-width=\"{strokeWidth}\"/>");
                break;
            case NodeKinds.Fork or NodeKinds.Join:
                svg.Append(ci, $"<rect x=\"{left}\" y=\"{c.Y - 6}\" width=\"{NodeWidth}\" height=\"12\" fill=\"#34495e\" stroke=\"{stroke}\" stroke-width=\"{strokeWidth}\"/>");
                break;
            case NodeKinds.Decision:
                svg.Append(ci, $"<polygon points=\"{c.X},{top} {left + NodeWidth},{c.Y} {c.X},{top + NodeHeight} {left},{c.Y}\" fill=\"#fff8e1\" stroke=\"{stroke}\" stroke-width=\"{strokeWidth}\"/>");
                break;
            case NodeKinds.Timer:
                svg.Append(ci, $"<rect x=\"{left}\" y=\"{top}\" width=\"{NodeWidth}\" height=\"{NodeHeight}\" rx=\"4\" fill=\"#f3e5f5\" stroke=\"{stroke}\" stroke-width=\"{strokeWidth}\" stroke-dasharray=\"3 3\"/>");
                break;
            default:
                svg.Append(ci, $"<rect x=\"{left}\" y=\"{top}\" width=\"{NodeWidth}\" height=\"{NodeHeight}\" rx=\"6\" fill=\"#ffffff\" stroke=\"{stroke}\" stroke-width=\"{strokeWidth}\"/>");
                break;
        }

        var (line1, line2) = NodeText(node, withdrawal);
        var textY = node.Kind is NodeKinds.Fork or NodeKinds.Join ? c.Y - 10 : line2 is null ? c.Y + 5 : c.Y - 3;
        svg.Append(ci, $"<text x=\"{c.X}\" y=\"{textY}\" text-anchor=\"middle\" font-weight=\"bold\">{Encode(line1)}</text>");
        if (line2 is not null && node.Kind is not (NodeKinds.Fork or NodeKinds.Join)) svg.Append(ci, $"<text x=\"{c.X}\" y=\"{c.Y + 14}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#555\">{Encode(line2)}</text>");
        if (mark is not null) svg.Append(ci, $"<circle cx=\"{left + NodeWidth}\" cy=\"{top}\" r=\"9\" fill=\"{mark.Colour}\"/><text x=\"{left + NodeWidth}\" y=\"{top + 4}\" text-anchor=\"middle\" fill=\"#fff\" font-weight=\"bold\">{mark.Badge}</text>");
        svg.Append("</g>");
    }

    private static (string Line1, string? Line2) NodeText(RouteNode node, bool withdrawal)
    {
        var label = Shorten(node.Label ?? node.Id, 12);
        return node.Kind switch
        {
            NodeKinds.Task => (label, Shorten(string.Join("、", (node.Steps ?? []).Select(StepLabel)) + (node.StageLimitWorkingDays is { } days ? $" · 限{days}个工作日" : ""), 16)),
            NodeKinds.Timer => (label, $"等待 {node.WorkingDays} 个工作日"),
            NodeKinds.Decision => (label, node.On is null ? null : $"按{FactLabel(node.On)}"),
            NodeKinds.End when withdrawal => (label, "办结前可由计时器撤回"),
            _ => (label, null),
        };
    }

    private static string EdgeLabel(RouteEdge edge, bool handOff)
    {
        var text = edge.Action is { } action ? StepLabel(action)
            : edge.Branch is { } branch ? branch == Branches.Lead ? "牵头" : branch == Branches.Assisting ? "协办" : branch
            : edge.When is { } when ? WhenLabel(when)
            : "";
        return handOff ? (text.Length > 0 ? text + " · 移交" : "移交") : text;
    }

    /// <summary>The zh-CN name of a step kind (the engine's action label where it has one).</summary>
    public static string StepLabel(string stepKind) =>
        StepKinds.IsKnown(stepKind) && StepKinds.ActionOf(stepKind) is { } action ? ActionLabels.Of(action)
        : stepKind == "giveOpinion" ? "出具意见"
        : stepKind;

    public static string LaneLabel(string participant) => participant switch
    {
        Participants.IntakeWindow => "受理社区 · 综合窗口",
        Participants.IntakeSpecialist => "受理社区 · 通办专员",
        Participants.RegistrationTownship => "户籍乡镇 · 便民服务中心后台",
        RouteLayout.NoLane => "（未定）",
        _ when participant.StartsWith(Participants.DepartmentPrefix, StringComparison.Ordinal) => $"县部门 · {participant[Participants.DepartmentPrefix.Length..]}",
        _ => participant,
    };

    private static string FactLabel(string fact) => fact switch
    {
        "decision" => "办结结论",
        "mode" => "办理模式",
        "channel" => "申请渠道",
        "itemFlag" => "事项标记",
        _ => fact,
    };

    private static string WhenLabel(string when) => when switch
    {
        "approve" => "准予",
        "reject" => "不予",
        DecisionFacts.Otherwise => "其他",
        _ => when,
    };

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
