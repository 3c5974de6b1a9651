namespace Tongban.Gateway.Problems;

/// <summary>If-Match: "&lt;version&gt;" — act only on the version of the case the clerk saw.</summary>
public static class IfMatch
{
    public static bool TryRead(HttpRequest request, out int? expected)
    {
        expected = null;
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header)) return true;
        var value = header.Trim().TrimStart('W', '/').Trim('"');
        if (!int.TryParse(value, out var version)) return false;
        expected = version;
        return true;
    }

    public static IResult Invalid() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["If-Match"] = ["If-Match 应为案件版本号，例如 \"3\"。"] }, title: "输入有误");
}
