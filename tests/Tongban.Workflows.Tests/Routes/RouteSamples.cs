using System.Text.Json.Nodes;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Routes;
using Tongban.Workflows.Tests.Calendars;

namespace Tongban.Workflows.Tests.Routes;

/// <summary>The shipped route files (data/routes) and the sample parallel route, read from the repository.</summary>
internal static class RouteSamples
{
    /// <summary>The county departments the tests' routes may name (县残联, 县民政局).</summary>
    public static readonly RouteVocabulary Vocabulary = new(new HashSet<string>(["cjl", "mzj"], StringComparer.Ordinal));

    public static string ShippedText(string id) => File.ReadAllText(Path.Combine(CalendarData.RepositoryRoot, "data", "routes", RouteReference.FileName(id, 1)));

    public static RouteFile Shipped(string id) => RouteFile.Parse(ShippedText(id));

    public static IReadOnlyList<string> ShippedIds { get; } = ["cross-jurisdiction", "window-immediate", "disability-care", "subsistence-allowance", "joint-handling"];

    /// <summary>The definition a catalogue item on a shipped route gets (version 1 of the route).</summary>
    public static WorkflowDefinition Definition(string id, string itemCode, int itemVersion) =>
        RouteCompiler.Compile(Shipped(id), itemCode, itemVersion, Vocabulary).DefinitionOrThrow();

    public static string ParallelText() => File.ReadAllText(Path.Combine(CalendarData.RepositoryRoot, "tests", "Tongban.Workflows.Tests", "Routes", "Samples", "parallel-opinion.v1.json"));

    public static JsonObject ParallelJson() => JsonNode.Parse(ParallelText())!.AsObject();

    public static JsonObject ShippedJson(string id) => JsonNode.Parse(ShippedText(id))!.AsObject();

    public static JsonObject NodeOf(this JsonObject route, string id) => route["nodes"]!.AsArray().Single(n => (string?)n!["id"] == id)!.AsObject();

    public static JsonObject EdgeOf(this JsonObject route, string from, string to) =>
        route["edges"]!.AsArray().First(e => (string?)e!["from"] == from && (string?)e["to"] == to)!.AsObject();

    public static JsonObject AddNode(this JsonObject route, string json)
    {
        route["nodes"]!.AsArray().Add(JsonNode.Parse(json));
        return route;
    }

    public static JsonObject AddEdge(this JsonObject route, string from, string to, string? action = null)
    {
        var edge = new JsonObject { ["from"] = from, ["to"] = to };
        if (action is not null) edge["action"] = action;
        route["edges"]!.AsArray().Add(edge);
        return route;
    }

    public static JsonObject RemoveEdge(this JsonObject route, string from, string to)
    {
        var edges = route["edges"]!.AsArray();
        edges.Remove(edges.First(e => (string?)e!["from"] == from && (string?)e["to"] == to));
        return route;
    }

    public static JsonObject RemoveNode(this JsonObject route, string id)
    {
        var nodes = route["nodes"]!.AsArray();
        nodes.Remove(nodes.Single(n => (string?)n!["id"] == id));
        return route;
    }

    public static IReadOnlyList<RouteError> Validate(this JsonObject route) =>
        RouteValidator.Validate(RouteFile.Parse(route.ToJsonString()), Vocabulary);
}
