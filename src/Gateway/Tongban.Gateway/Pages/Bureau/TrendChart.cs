using System.Globalization;
using System.Net;
using System.Text;

namespace Tongban.Gateway.Pages.Bureau;

/// <summary>
/// Cases opened, completed (办结) and gone overdue per day, drawn as an inline SVG on the server: no chart
/// library, nothing to download, readable without JavaScript; the same numbers are in a table for screen readers.
/// </summary>
public sealed class TrendChart
{
    public sealed record Day(DateOnly Date, int Opened, int Completed, int Overdue);

    private const int Width = 1000;
    private const int Height = 260;
    private const int Left = 40;
    private const int Right = 12;
    private const int Top = 12;
    private const int Bottom = 30;

    public TrendChart(IReadOnlyList<Day> days) => Days = days;

    public IReadOnlyList<Day> Days { get; }

    public int Max => Days.Count == 0 ? 0 : Days.Max(d => Math.Max(d.Opened, Math.Max(d.Completed, d.Overdue)));

    public string ToSvg(string title)
    {
        var ci = CultureInfo.InvariantCulture;
        var top = NiceMax(Max);
        var plotW = Width - Left - Right;
        var plotH = Height - Top - Bottom;
        double X(int i) => Left + (Days.Count <= 1 ? plotW / 2.0 : plotW * i / (double)(Days.Count - 1));
        double Y(int v) => Top + plotH - (plotH * v / (double)top);

        var svg = new StringBuilder();
        svg.Append(ci, $"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(ci, $"<title id=\"chart-title\">{WebUtility.HtmlEncode(title)}</title>");
        svg.Append(ci, $"<desc id=\"chart-desc\">共 {Days.Count} 天；接件 {Days.Sum(d => d.Opened)} 件，办结 {Days.Sum(d => d.Completed)} 件，超期 {Days.Sum(d => d.Overdue)} 件。</desc>");

        // Horizontal grid lines with their values.
        const int ticks = 4;
        for (var t = 0; t <= ticks; t++)
        {
            var v = top * t / ticks;
            var y = Y(v);
            svg.Append(ci, $"<line class=\"grid-line\" x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Width - Right}\" y2=\"{y:0.#}\"/>");
            svg.Append(ci, $"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{v}</text>");
        }

        svg.Append(ci, $"<line class=\"axis\" x1=\"{Left}\" y1=\"{Top + plotH}\" x2=\"{Width - Right}\" y2=\"{Top + plotH}\"/>");

        // Date labels: about eight, always the first and the last.
        var step = Math.Max(1, (int)Math.Ceiling(Days.Count / 8.0));
        for (var i = 0; i < Days.Count; i++)
        {
            // The last day always gets its label; a regular label too close before it gives way.
            var last = i == Days.Count - 1;
            if (!last && (i % step != 0 || Days.Count - 1 - i < (step + 1) / 2)) continue;
            var anchor = i == 0 ? "start" : last ? "end" : "middle";
            svg.Append(ci, $"<text x=\"{X(i):0.#}\" y=\"{Height - 10}\" text-anchor=\"{anchor}\">{Days[i].Date:MM-dd}</text>");
        }

        Series(svg, "opened", Days.Select(d => d.Opened).ToList(), X, Y, "接件");
        Series(svg, "closed", Days.Select(d => d.Completed).ToList(), X, Y, "办结");
        Series(svg, "overdue", Days.Select(d => d.Overdue).ToList(), X, Y, "超期");
        svg.Append("</svg>");
        return svg.ToString();
    }

    private void Series(StringBuilder svg, string name, List<int> values, Func<int, double> x, Func<int, double> y, string label)
    {
        var ci = CultureInfo.InvariantCulture;
        svg.Append(ci, $"<g class=\"series-{name}\">");
        svg.Append("<polyline points=\"");
        for (var i = 0; i < values.Count; i++) svg.Append(ci, $"{x(i):0.#},{y(values[i]):0.#} ");
        svg.Append("\"/>");
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] == 0) continue;
            svg.Append(ci, $"<circle cx=\"{x(i):0.#}\" cy=\"{y(values[i]):0.#}\" r=\"3\"><title>{Days[i].Date:yyyy-MM-dd} {label} {values[i]}</title></circle>");
        }

        svg.Append("</g>");
    }

    /// <summary>A round upper bound for the y axis (4, 8, 20, 40, 100 …), at least 4 so ticks are whole numbers.</summary>
    public static int NiceMax(int max)
    {
        if (max <= 4) return 4;
        var magnitude = (int)Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (var f in new[] { 1, 2, 4, 5, 10 })
        {
            var candidate = f * magnitude;
            if (candidate >= max && candidate % 4 == 0) return candidate;
        }

        return (max + 3) / 4 * 4;
    }
}
