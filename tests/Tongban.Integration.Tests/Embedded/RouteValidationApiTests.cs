using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Tongban.Integration.Tests.Infrastructure;

namespace Tongban.Integration.Tests.Embedded;

/// <summary>POST /api/routes/validate and GET /api/routes: the administrator's check of a route file, answered per node.</summary>
public sealed class RouteValidationApiTests : IAsyncLifetime
{
    private readonly EmbeddedApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_bad_route_is_refused_with_problem_details_naming_the_node()
    {
        var admin = await _app.LoginAsync("county.admin");
        var route = Shipped("cross-jurisdiction");
        Node(route, "SignedFor")["participant"] = "township";
        Node(route, "Accepted")["steps"] = new JsonArray("teleport");

        var response = await PostRouteAsync(admin.Http, route.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Contains("unknown participant 'township'", errors["nodes.SignedFor"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("unknown step kind 'teleport'", errors["nodes.Accepted"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_good_route_passes_and_says_whether_the_engine_can_run_it()
    {
        var admin = await _app.LoginAsync("county.admin");
        var route = Shipped("window-immediate");
        route["version"] = 2;

        var response = await PostRouteAsync(admin.Http, route.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var check = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("window-immediate@2", check["reference"]!.GetValue<string>());
        Assert.True(check["executable"]!.GetValue<bool>());
        Assert.False(check["versionExists"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Unreadable_json_is_refused_naming_the_route_field_and_only_administrators_may_check()
    {
        var admin = await _app.LoginAsync("county.admin");
        var broken = await PostRouteAsync(admin.Http, "{ \"id\": ");
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.NotNull((await broken.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["route"]);

        var clerk = await _app.LoginAsync("dongmen.clerk");
        Assert.Equal(HttpStatusCode.Forbidden, (await PostRouteAsync(clerk.Http, Shipped("window-immediate").ToJsonString())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.Http.GetAsync("/api/routes")).StatusCode);
    }

    [Fact]
    public async Task The_loaded_routes_are_listed_with_the_items_on_them()
    {
        var admin = await _app.LoginAsync("county.admin");

        var routes = (await admin.Http.GetFromJsonAsync<JsonArray>("/api/routes"))!;

        Assert.Equal(["cross-jurisdiction@1", "disability-care@1", "joint-handling@1", "subsistence-allowance@1", "window-immediate@1"], routes.Select(r => r!["reference"]!.GetValue<string>()));
        Assert.All(routes, r => Assert.Empty(r!["notExecutable"]!.AsArray()));
        Assert.Contains("QS-MZ-001", routes[0]!["items"]!.AsArray().Select(i => i!.GetValue<string>()));
        Assert.Empty(routes[0]!["notExecutable"]!.AsArray());
    }

    private static Task<HttpResponseMessage> PostRouteAsync(HttpClient http, string json) =>
        http.PostAsync("/api/routes/validate", new StringContent(json, Encoding.UTF8, "application/json"));

    private static JsonObject Shipped(string id) => JsonNode.Parse(File.ReadAllText(RepoPaths.Data($"routes/{id}.v1.json")))!.AsObject();

    private static JsonObject Node(JsonObject route, string id) => route["nodes"]!.AsArray().Single(n => n!["id"]!.GetValue<string>() == id)!.AsObject();
}
