using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Tongban.Integration.Tests.Infrastructure;
using Tongban.Workflows.Runtime.Persistence;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.Embedded;

/// <summary>
/// An intake sent again after its answer was lost (a dropped connection, a double click) with the same
/// Idempotency-Key finds the case it opened; it never opens a second case for the same submission.
/// </summary>
public sealed class IntakeKeyTests : IAsyncLifetime
{
    private readonly EmbeddedApp _app = new();
    private StaffClient _clerk = null!;

    public async Task InitializeAsync() => _clerk = await _app.LoginAsync("dongmen.clerk");

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_same_key_twice_answers_with_the_one_case_it_opened()
    {
        var key = Guid.NewGuid();
        var first = await PostAsync(_clerk, key);
        var again = await PostAsync(_clerk, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var id = (await first.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        Assert.Equal(key, id);
        Assert.Equal(id, (await again.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>());
        Assert.Equal(1, CountCases());
    }

    [Fact]
    public async Task A_key_used_by_another_community_is_409_and_opens_nothing()
    {
        var key = Guid.NewGuid();
        await PostAsync(_clerk, key);
        var other = await PostAsync(await _app.LoginAsync("xijie.clerk"), key);

        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal(1, CountCases());
    }

    [Fact]
    public async Task A_key_that_is_not_a_guid_is_400_naming_the_header()
    {
        var response = await PostAsync(_clerk, "twice");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("Idempotency-Key"));
        Assert.Equal(0, CountCases());
    }

    private static Task<HttpResponseMessage> PostAsync(StaffClient clerk, object key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = JsonContent.Create(IntakeBody()) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key.ToString());
        return clerk.Http.SendAsync(request);
    }

    private int CountCases()
    {
        using var scope = _app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<TongbanDbContext>().Cases.Count();
    }
}
