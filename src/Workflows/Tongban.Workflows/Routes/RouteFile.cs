using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tongban.Workflows.Routes;

/// <summary>
/// A route as the county writes it (data/routes/&lt;id&gt;.v&lt;version&gt;.json): a graph of nodes and edges.
/// Parsing only reads the shape; <see cref="RouteValidator"/> says whether it makes sense, naming the node.
/// </summary>
public sealed record RouteFile
{
    public required string Id { get; init; }
    public required int Version { get; init; }
    public required string Name { get; init; }
    public string? Notes { get; init; }

    /// <summary>The end node the timer's 视为撤回 leads to from every node before the decision; none if null.</summary>
    public string? WithdrawTo { get; init; }

    public required IReadOnlyList<RouteNode> Nodes { get; init; }
    public required IReadOnlyList<RouteEdge> Edges { get; init; }

    /// <summary>"id@version", as catalogue items name a route.</summary>
    [JsonIgnore]
    public string Reference => RouteReference.Format(Id, Version);

    /// <summary>Unknown fields are refused, so a misspelt field is an error rather than silently ignored.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Reads a route file; a file that is not a route's JSON shape is a <see cref="FormatException"/>.</summary>
    public static RouteFile Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<RouteFile>(json, Json) ?? throw new FormatException("route: empty file");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"route: {ex.Path}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// The route's content with formatting removed: what the item version's content hash covers, so a change to
    /// the route (not to its whitespace) makes new item versions.
    /// </summary>
    public string CanonicalJson() => JsonSerializer.Serialize(this, Json);

    public RouteNode? Node(string? id) => Nodes.FirstOrDefault(n => n?.Id == id);
}

/// <summary>
/// One node. Which fields apply depends on <see cref="Kind"/> (see <see cref="NodeKinds"/> and docs/routes.md).
/// </summary>
public sealed record RouteNode
{
    public required string Id { get; init; }
    public required string Kind { get; init; }
    public string? Label { get; init; }

    /// <summary>start, task: whose post does the work (see <see cref="Participants"/>).</summary>
    public string? Participant { get; init; }

    /// <summary>task: the step kinds available there (see <see cref="StepKinds"/>).</summary>
    public IReadOnlyList<string>? Steps { get; init; }

    /// <summary>task: working days this stage may take, overriding the step kind's default.</summary>
    public int? StageLimitWorkingDays { get; init; }

    /// <summary>join: the fork whose branches it waits for.</summary>
    public string? Fork { get; init; }

    /// <summary>decision: the case fact it branches on (see <see cref="DecisionFacts"/>); itemFlag names <see cref="Flag"/>.</summary>
    public string? On { get; init; }

    public string? Flag { get; init; }

    /// <summary>timer: working days to wait on the county calendar (e.g. 公示).</summary>
    public int? WorkingDays { get; init; }

    /// <summary>end: archived or withdrawn.</summary>
    public string? Outcome { get; init; }
}

/// <summary>An edge. <see cref="Action"/> leaves start and task nodes; <see cref="Branch"/> forks; <see cref="When"/> decisions.</summary>
public sealed record RouteEdge
{
    public required string From { get; init; }
    public required string To { get; init; }
    public string? Action { get; init; }

    /// <summary>fork: lead or assisting.</summary>
    public string? Branch { get; init; }

    /// <summary>decision: the value of the fact this edge is taken for, or otherwise.</summary>
    public string? When { get; init; }

    /// <summary>hand-off: the transit state the case waits in until the receiving participant's node takes it.</summary>
    public RouteTransit? Transit { get; init; }
}

public sealed record RouteTransit(string State, string Label);

public static class NodeKinds
{
    public const string Start = "start";
    public const string Task = "task";
    public const string Fork = "fork";
    public const string Join = "join";
    public const string Decision = "decision";
    public const string Timer = "timer";
    public const string End = "end";

    public static IReadOnlyList<string> All { get; } = [Start, Task, Fork, Join, Decision, Timer, End];
}

public static class Branches
{
    public const string Lead = "lead";
    public const string Assisting = "assisting";
}

public static class EndOutcomes
{
    public const string Archived = "archived";
    public const string Withdrawn = "withdrawn";
}
