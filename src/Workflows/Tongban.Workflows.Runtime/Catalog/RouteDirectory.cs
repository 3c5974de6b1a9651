using Microsoft.Extensions.Configuration;
using Tongban.Workflows.Routes;

namespace Tongban.Workflows.Runtime.Catalog;

/// <summary>Reads the county's route files (every *.json in one folder, data/routes by default) into a <see cref="RouteLibrary"/>.</summary>
public static class RouteDirectory
{
    public static async Task<RouteLibrary> LoadAsync(string folder, RouteVocabulary vocabulary, CancellationToken ct)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"route folder {folder} not found (configure Routes:Directory)");
        var files = new List<(string, string)>();
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            files.Add((Path.GetFileName(file), await File.ReadAllTextAsync(file, ct)));
        }

        return RouteLibrary.FromFiles(files, vocabulary);
    }

    public static RouteLibrary Load(string folder, RouteVocabulary vocabulary)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"route folder {folder} not found (configure Routes:Directory)");
        return RouteLibrary.FromFiles(Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllText(f))), vocabulary);
    }

    /// <summary>
    /// The county departments routes may name ("department:code"), from Routes:Departments. None by default:
    /// no county department holds posts in today's engine.
    /// </summary>
    public static RouteVocabulary VocabularyFrom(IConfiguration configuration) =>
        new(new HashSet<string>(configuration.GetSection("Routes:Departments").Get<string[]>() ?? [], StringComparer.Ordinal));
}
