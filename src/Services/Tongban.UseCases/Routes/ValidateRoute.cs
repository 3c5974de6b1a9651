using Tongban.Workflows.Cases;
using Tongban.Workflows.Routes;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.Routes;

/// <summary>
/// Checks a route file an administrator wants to publish: the validator's answer, each error keyed by the node
/// (<c>nodes.SignedFor</c>; <c>route</c> for the file as a whole), and whether today's engine can run it. Writes
/// nothing; <see cref="PublishRoute"/> publishes.
/// </summary>
public sealed class ValidateRoute(TongbanDbContext db, RouteLibrary routes)
{
    public const int MaxLength = 200_000;

    /// <param name="Json">The route file's content.</param>
    public sealed record Request(string? Json);

    /// <param name="Executable">Today's engine can run it; otherwise <paramref name="NotExecutable"/> says which nodes need tasks.</param>
    public sealed record RouteCheck(string Reference, string Name, bool Executable, IReadOnlyList<RouteError> NotExecutable, bool VersionExists);

    public async Task<Outcome<RouteCheck>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        if (!await RouteAccess.AllowedAsync(db, actor, ct)) return Outcome.Forbidden<RouteCheck>(RouteAccess.Refusal);
        if (string.IsNullOrWhiteSpace(request.Json)) return Outcome.Invalid<RouteCheck>("route", "请提供路线文件（JSON）。");
        if (request.Json.Length > MaxLength) return Outcome.Invalid<RouteCheck>("route", $"路线文件不能超过 {MaxLength} 个字符。");

        RouteFile route;
        try
        {
            route = RouteFile.Parse(request.Json);
        }
        catch (FormatException ex)
        {
            return Outcome.Invalid<RouteCheck>("route", ex.Message);
        }

        var errors = RouteValidator.Validate(route, routes.Vocabulary);
        if (errors.Count > 0) return Outcome.Invalid<RouteCheck>(ErrorsByField(errors));

        var compiled = RouteCompiler.Compile(route, "CHECK", 1, routes.Vocabulary);
        var published = await RouteStore.LoadAsync(db, routes, ct);
        return new RouteCheck(route.Reference, route.Name, compiled.Definition is not null, compiled.Errors, published.Find(route.Reference) is not null);
    }

    /// <summary>"nodes.{id}" for a node's errors, "route" for the file's: the field names a ProblemDetails carries.</summary>
    public static IReadOnlyDictionary<string, string[]> ErrorsByField(IEnumerable<RouteError> errors) =>
        errors.GroupBy(e => e.Node is null ? "route" : $"nodes.{e.Node}", StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);

    /// <summary>The errors of an <see cref="Outcome{T}.Invalid"/> answer back as node errors (for drawing them on the diagram).</summary>
    public static IReadOnlyList<RouteError> ErrorsFromFields(IReadOnlyDictionary<string, string[]> fields) =>
        [.. fields.SelectMany(f => f.Value.Select(m => new RouteError(f.Key.StartsWith("nodes.", StringComparison.Ordinal) ? f.Key["nodes.".Length..] : null, m)))];
}
