using System.Globalization;
using System.Text.RegularExpressions;

namespace Tongban.Workflows.Routes;

/// <summary>How a catalogue item names a route: "cross-jurisdiction@1".</summary>
public static partial class RouteReference
{
    public static string Format(string id, int version) => $"{id}@{version.ToString(CultureInfo.InvariantCulture)}";

    public static bool TryParse(string? reference, out string id, out int version)
    {
        var match = ReferencePattern().Match(reference ?? "");
        id = match.Success ? match.Groups["id"].Value : "";
        version = match.Success && int.TryParse(match.Groups["version"].Value, CultureInfo.InvariantCulture, out var v) ? v : 0;
        return match.Success && version > 0;
    }

    /// <summary>The file a route version lives in under data/routes.</summary>
    public static string FileName(string id, int version) => $"{id}.v{version.ToString(CultureInfo.InvariantCulture)}.json";

    [GeneratedRegex("^[a-z][a-z0-9-]{1,39}$")]
    public static partial Regex IdPattern();

    [GeneratedRegex("^(?<id>[a-z][a-z0-9-]{1,39})@(?<version>[1-9][0-9]{0,5})$")]
    private static partial Regex ReferencePattern();
}
