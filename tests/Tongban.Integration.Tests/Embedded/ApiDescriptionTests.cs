using System.Text.Json.Nodes;
using Tongban.Integration.Tests.Infrastructure;

namespace Tongban.Integration.Tests.Embedded;

public sealed class ApiDescriptionTests : IAsyncLifetime
{
    private readonly EmbeddedApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_openapi_document_describes_every_route_action_and_the_bearer_login()
    {
        var document = JsonNode.Parse(await _app.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToHashSet();

        string[] expected =
        [
            "/api/auth/login", "/api/catalog", "/api/catalog/{code}", "/api/cases", "/api/cases/{id}", "/api/work-queue",
            .. new[] { "forward", "sign-for", "accept", "return-for-correction", "resubmit", "handle", "decide", "deliver", "evaluate", "archive" }.Select(a => $"/api/cases/{{id}}/{a}"),
        ];
        Assert.All(expected, p => Assert.Contains(p, paths));
        Assert.NotNull(document["components"]!["securitySchemes"]!["Bearer"]);
    }
}
