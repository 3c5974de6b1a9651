namespace Tongban.Workflows.Routes;

/// <summary>
/// The route versions a county has (data/routes), each parsed and valid. Catalogue items name one by
/// "id@version"; a file's name must say the same id and version as its content.
/// </summary>
public sealed class RouteLibrary
{
    private readonly Dictionary<string, RouteFile> _routes;

    private RouteLibrary(Dictionary<string, RouteFile> routes, RouteVocabulary vocabulary)
    {
        _routes = routes;
        Vocabulary = vocabulary;
    }

    public RouteVocabulary Vocabulary { get; }

    /// <summary>By id, then version.</summary>
    public IReadOnlyList<RouteFile> All => _routes.Values.OrderBy(r => r.Id, StringComparer.Ordinal).ThenBy(r => r.Version).ToList();

    public RouteFile? Find(string reference) => _routes.GetValueOrDefault(reference);

    /// <summary>
    /// Reads route files (name, content). Every problem in every file is reported at once, each with the file
    /// and the node, as a <see cref="FormatException"/>; nothing is loaded unless all are good.
    /// </summary>
    public static RouteLibrary FromFiles(IEnumerable<(string FileName, string Json)> files, RouteVocabulary vocabulary)
    {
        var routes = new Dictionary<string, RouteFile>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (fileName, json) in files)
        {
            RouteFile route;
            try
            {
                route = RouteFile.Parse(json);
            }
            catch (FormatException ex)
            {
                problems.Add($"{fileName}: {ex.Message}");
                continue;
            }

            problems.AddRange(RouteValidator.Validate(route, vocabulary).Select(e => $"{fileName}: {e}"));
            if (RouteReference.FileName(route.Id ?? "", route.Version) != fileName) problems.Add($"{fileName}: the file of route {route.Reference} is named {RouteReference.FileName(route.Id ?? "", route.Version)}");
            else if (!routes.TryAdd(route.Reference, route)) problems.Add($"{fileName}: route {route.Reference} appears twice");
        }

        return problems.Count > 0
            ? throw new FormatException("routes are invalid:\n" + string.Join("\n", problems))
            : new RouteLibrary(routes, vocabulary);
    }
}
