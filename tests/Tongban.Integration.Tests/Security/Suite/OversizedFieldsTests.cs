using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.Security.Suite;

/// <summary>
/// Every write endpoint of the OpenAPI document (so a new one is covered without touching this file): each text
/// field at its documented maxLength + 1, each list at maxItems + 1, and a control, zero-width or
/// direction-override character (and a line break for one-line fields) in each text field — 400 naming the
/// field, nothing written. A text field without a maxLength in the document counts as wrong.
/// </summary>
[Collection(SecuritySuite.Name)]
public sealed class OversizedFieldsTests(SuiteCounty county, ITestOutputHelper output)
{
    // Multi-line texts may hold line breaks; all other texts are one line.
    private static readonly HashSet<string> MultiLine = ["text", "note", "reason", "problem", "scope", "purpose"];

    // Credentials are checked as credentials (401/429), not as text fields: the login probes are in TokenTests.
    private static readonly HashSet<string> Skipped = ["/api/auth/login", "/api/auth/change-password"];

    private static readonly string[] Callers = ["dongmen.clerk", "hexi.backoffice", "hexi.head", "bureau.supervisor", "county.admin"];

    [Fact]
    public async Task Oversized_and_hidden_character_inputs_on_every_write_endpoint_are_400_on_their_field_with_nothing_written()
    {
        var doc = await county.OpenApiAsync();
        var staff = new Dictionary<string, StaffClient>();
        foreach (var name in Callers) staff[name] = await county.LoginAsync(name);
        var caseId = IdOf(await staff["dongmen.clerk"].OpenCaseAsync());
        await staff["dongmen.clerk"].WaitForStateAsync(caseId, "AtSpecialist");

        var rows = new List<SecurityFigures.Row>();
        var failures = new List<string>();
        foreach (var (path, method, schema) in WriteOperations(doc))
        {
            if (Skipped.Contains(path)) continue;
            var url = Fill(path, caseId);
            var fields = Fields(doc, schema, "").ToList();
            int tried = 0, correct = 0, wrong = 0, half = 0;
            foreach (var field in fields)
            {
                foreach (var (label, value) in Probes(field))
                {
                    tried++;
                    var before = await county.StateBeforeProbeAsync();
                    var (status, errors) = await SendAsync(staff, method, url, Body(field.Path, value));
                    var after = await county.StateAfterProbeAsync();
                    var named = errors.Any(e => e == field.Path || e.StartsWith(field.Path + "[", StringComparison.Ordinal));
                    if (before != after)
                    {
                        half++;
                        failures.Add($"{method} {path} {field.Path} {label}: written ({before} -> {after})");
                    }

                    if (status == HttpStatusCode.BadRequest && named) correct++;
                    else
                    {
                        wrong++;
                        failures.Add($"{method} {path} {field.Path} {label}: {(int)status} errors [{string.Join(", ", errors)}]");
                    }
                }
            }

            rows.Add(new($"{method} {path}", tried, correct, wrong, half, fields.Count == 0 ? "no text or list field" : $"{fields.Count} fields"));
        }

        output.WriteLine(SecurityFigures.Record("a. Oversized fields and hidden characters (per write endpoint, from /openapi/v1.json)", rows));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(rows.Count >= 15, $"only {rows.Count} write endpoints found in the OpenAPI document");
    }

    internal sealed record Field(string Path, string Kind, int? Max, bool OneLine);

    internal static IEnumerable<(string Path, string Method, JsonObject Schema)> WriteOperations(JsonObject doc)
    {
        foreach (var (path, item) in doc["paths"]!.AsObject())
        {
            foreach (var method in new[] { "post", "put" })
            {
                if (item![method]?["requestBody"]?["content"]?["application/json"]?["schema"] is JsonObject schema) yield return (path, method.ToUpperInvariant(), schema);
            }
        }
    }

    internal static JsonObject Resolve(JsonObject doc, JsonObject schema)
    {
        // Nullable references are written as oneOf [null, $ref].
        if (schema["oneOf"] is JsonArray oneOf) schema = oneOf.Select(s => s!.AsObject()).First(s => s["$ref"] is not null || TypeOf(s) != "null");
        return schema["$ref"] is JsonValue r ? doc["components"]!["schemas"]![r.GetValue<string>().Split('/')[^1]]!.AsObject() : schema;
    }

    private static IEnumerable<Field> Fields(JsonObject doc, JsonObject schema, string prefix)
    {
        schema = Resolve(doc, schema);
        foreach (var (name, node) in schema["properties"]?.AsObject() ?? [])
        {
            var property = Resolve(doc, node!.AsObject());
            var type = TypeOf(property);
            var path = prefix + name;
            if (type == "string" && property["format"] is null)
            {
                yield return new(path, "string", property["maxLength"]?.GetValue<int>(), !MultiLine.Contains(name));
            }
            else if (type == "array")
            {
                yield return new(path, "array", property["maxItems"]?.GetValue<int>(), false);
                var items = Resolve(doc, property["items"]!.AsObject());
                if (TypeOf(items) == "object") foreach (var inner in Fields(doc, items, $"{path}[0].")) yield return inner;
            }
            else if (type == "object" || property["properties"] is not null)
            {
                foreach (var inner in Fields(doc, property, path + ".")) yield return inner;
            }
        }
    }

    // OpenAPI 3.1 writes nullable types as ["string", "null"].
    private static string? TypeOf(JsonObject schema) => schema["type"] switch
    {
        JsonValue v => v.GetValue<string>(),
        JsonArray a => a.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null"),
        _ => schema["properties"] is not null ? "object" : schema.Count == 1 && schema["type"] is null ? null : null,
    };

    private static IEnumerable<(string Label, JsonNode? Value)> Probes(Field field)
    {
        if (field.Max is not { } max)
        {
            // Unbounded in the document: send something huge-ish anyway; it counts as wrong unless refused.
            yield return ("unbounded (no max in the document)", field.Kind == "array" ? new JsonArray([.. Enumerable.Repeat<JsonNode?>("ID", 1000)]) : new string('长', 10_000));
            yield break;
        }

        if (field.Kind == "array")
        {
            yield return ($"{max + 1} items", new JsonArray([.. Enumerable.Range(0, max + 1).Select(i => (JsonNode?)(field.Path == "missing" ? new JsonObject { ["code"] = "ID", ["problem"] = "缺" } : JsonValue.Create("ID")))]));
            yield break;
        }

        yield return ($"{max + 1} chars", new string('长', max + 1));
        yield return ("control char", "甲\u0007乙");
        yield return ("zero-width", "甲\u200B乙");
        yield return ("direction override", "甲\u202E乙");
        if (field.OneLine) yield return ("line break", "甲\n乙");
    }

    private static JsonObject Body(string path, JsonNode? value)
    {
        var root = new JsonObject();
        var node = root;
        var parts = path.Split('.');
        for (var i = 0; i < parts.Length - 1; i++)
        {
            var part = parts[i];
            if (part.EndsWith("[0]", StringComparison.Ordinal))
            {
                var child = new JsonObject();
                node[part[..^3]] = new JsonArray(child);
                node = child;
            }
            else
            {
                var child = new JsonObject();
                node[part] = child;
                node = child;
            }
        }

        node[parts[^1]] = value;
        return root;
    }

    internal static string Fill(string path, Guid caseId) => path
        .Replace("/api/cases/{id}", $"/api/cases/{caseId}", StringComparison.Ordinal)
        .Replace("{id}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
        .Replace("{requestId}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
        .Replace("{taskId}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
        .Replace("/steps/{stepKind}", "/steps/decide", StringComparison.Ordinal)
        .Replace("{stepKind}", "giveOpinion", StringComparison.Ordinal)
        .Replace("{postId}", "hexi-backoffice", StringComparison.Ordinal)
        .Replace("{year}", "2027", StringComparison.Ordinal)
        .Replace("{username}", "dongmen.specialist", StringComparison.Ordinal)
        .Replace("{code}", "QS-MZ-001", StringComparison.Ordinal);

    /// <summary>Sends as the first caller the endpoint does not refuse outright (validation runs before most authority checks).</summary>
    private static async Task<(HttpStatusCode Status, List<string> Errors)> SendAsync(Dictionary<string, StaffClient> staff, string method, string url, JsonObject body)
    {
        (HttpStatusCode, List<string>) last = default;
        foreach (var caller in staff.Values)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = JsonContent.Create(body) };
            using var response = await caller.Http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var errors = response.StatusCode == HttpStatusCode.BadRequest && JsonNode.Parse(text)?["errors"] is JsonObject e ? e.Select(x => x.Key).ToList() : [];
            last = (response.StatusCode, errors);
            if (response.StatusCode != HttpStatusCode.Forbidden) return last;
        }

        return last;
    }
}
