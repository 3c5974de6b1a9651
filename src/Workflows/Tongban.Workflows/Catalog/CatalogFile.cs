using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Tongban.Workflows.Routes;

namespace Tongban.Workflows.Catalog;

/// <summary>The catalogue file a county edits (事项清单), parsed and checked.</summary>
public sealed partial record CatalogFile(string County, IReadOnlyList<ServiceItemSpec> Items)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Parses and validates a catalogue; every problem is reported with the item code and field.</summary>
    public static CatalogFile Parse(string json)
    {
        Raw raw;
        try
        {
            raw = JsonSerializer.Deserialize<Raw>(json, Json) ?? throw new FormatException("catalogue: empty file");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"catalogue: {ex.Path}: {ex.Message}", ex);
        }

        var items = raw.Items ?? throw new FormatException("catalogue: 'items' is missing");
        var nulls = items.Select((item, i) => (item, i)).Where(x => x.item is null).Select(x => $"items[{x.i}]: null").ToList();
        if (nulls.Count > 0) throw new FormatException("catalogue is invalid:\n" + string.Join("\n", nulls));
        var problems = items.SelectMany((item, i) => Problems(item, i)).ToList();
        var duplicates = items.GroupBy(i => i.Code).Where(g => g.Count() > 1).Select(g => $"items: code '{g.Key}' appears {g.Count()} times");
        problems.AddRange(duplicates);
        return problems.Count > 0
            ? throw new FormatException("catalogue is invalid:\n" + string.Join("\n", problems))
            : new CatalogFile(raw.County ?? "", items);
    }

    /// <summary>
    /// A hash of an item's content: its spec and the route it follows. The importer makes a new version only when
    /// it changes, so re-importing an unchanged file is a no-op, and a changed route file reaches every item on it.
    /// </summary>
    public static string ContentHash(ServiceItemSpec item, RouteFile route) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(item, Json) + "\n" + route.CanonicalJson())));

    /// <summary>
    /// Each item's route must be in the library and compile to a definition the engine runs; every problem is
    /// reported with the item code and the route's node.
    /// </summary>
    public IReadOnlyList<string> RouteProblems(RouteLibrary routes)
    {
        var problems = new List<string>();
        foreach (var item in Items)
        {
            if (routes.Find(item.Route) is not { } route)
            {
                problems.Add($"items ({item.Code}).route: no route {item.Route} in the route files");
                continue;
            }

            problems.AddRange(RouteCompiler.Compile(route, item.Code, 1, routes.Vocabulary).Errors.Select(e => $"items ({item.Code}).route {item.Route}: {e}"));
        }

        return problems;
    }

    private static IEnumerable<string> Problems(ServiceItemSpec item, int index)
    {
        var at = $"items[{index}] ({item.Code})";
        if (!CodePattern().IsMatch(item.Code ?? "")) yield return $"{at}.code: must match {CodePattern()}";
        if (string.IsNullOrWhiteSpace(item.Name)) yield return $"{at}.name: required";
        if (item.TimeLimitWorkingDays < 0) yield return $"{at}.timeLimitWorkingDays: must be 0 or more";
        if (item.ItemType == ItemType.Immediate && item.TimeLimitWorkingDays != 0) yield return $"{at}.timeLimitWorkingDays: an Immediate item (即办件) has limit 0";
        if (item.Modes is null || item.Modes.Count == 0) yield return $"{at}.modes: at least one mode";
        if (!RouteReference.TryParse(item.Route, out _, out _)) yield return $"{at}.route: a route and its version, e.g. cross-jurisdiction@1";
        if (item.Materials is null || item.Materials.Count == 0) yield return $"{at}.materials: at least one material";
        else if (item.Materials.Any(m => m is null || !MaterialCodePattern().IsMatch(m.Code ?? ""))) yield return $"{at}.materials: every material needs a code matching {MaterialCodePattern()}";
        else if (item.Materials.GroupBy(m => m.Code).Any(g => g.Count() > 1)) yield return $"{at}.materials: codes must be unique";
        if (item.Eligibility is { } hint)
        {
            if (hint.MinAge is < 0 or > 150) yield return $"{at}.eligibility.minAge: between 0 and 150";
            if (hint.MinAge is null && (hint.AnyOfGroups is null || hint.AnyOfGroups.Count == 0)) yield return $"{at}.eligibility: give minAge or anyOfGroups (a hint without a condition matches nobody)";
            if (hint.Note is { Length: > 200 }) yield return $"{at}.eligibility.note: at most 200 characters";
        }

        foreach (var (mode, days) in item.TimeLimitByMode ?? new Dictionary<CaseMode, int>())
        {
            if (days < 0) yield return $"{at}.timeLimitByMode.{mode}: must be 0 or more";
            if (item.Modes?.Contains(mode) != true) yield return $"{at}.timeLimitByMode.{mode}: the item does not allow this mode";
        }

        foreach (var (stage, days) in item.StageLimits ?? new Dictionary<string, int>())
        {
            if (days < 0) yield return $"{at}.stageLimits.{stage}: must be 0 or more";
        }
    }

    [GeneratedRegex("^[A-Z0-9-]{3,40}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[A-Z][A-Z0-9_]{0,39}$")]
    private static partial Regex MaterialCodePattern();

    private sealed record Raw(string? County, List<ServiceItemSpec>? Items);
}
