using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tongban.Integration.Tests.Infrastructure;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.FrontDoors;

/// <summary>
/// <c>Prefer: return=minimal</c> on intake and on a step answers the case's id, number, state and version (and the
/// version as ETag) instead of the full view; without it the full view comes back as before.
/// </summary>
public sealed class MinimalAnswerTests : IAsyncLifetime
{
    private readonly EmbeddedApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_desk_that_prefers_a_minimal_answer_gets_state_and_version_only_and_others_the_full_view()
    {
        var clerk = await _app.LoginAsync("dongmen.clerk");
        var specialist = await _app.LoginAsync("dongmen.specialist");

        var intake = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = JsonContent.Create(IntakeBody()) };
        intake.Headers.TryAddWithoutValidation("Prefer", "return=minimal");
        var opened = await clerk.Http.SendAsync(intake);
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var minimalIntake = (await opened.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(["id", "number", "state", "version"], minimalIntake.Select(p => p.Key).Order());
        Assert.Equal("return=minimal", opened.Headers.GetValues("Preference-Applied").Single());
        var id = IdOf(minimalIntake);
        var atSpecialist = await specialist.WaitForStateAsync(id, "AtSpecialist");

        var forward = new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{id}/forward") { Content = JsonContent.Create(new { }) };
        forward.Headers.TryAddWithoutValidation("Prefer", "respond-async, return=minimal");
        var forwarded = await specialist.Http.SendAsync(forward);
        Assert.Equal(HttpStatusCode.OK, forwarded.StatusCode);
        var minimal = (await forwarded.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(["id", "number", "state", "version"], minimal.Select(p => p.Key).Order());
        Assert.Equal(atSpecialist["version"]!.GetValue<int>() + 1, minimal["version"]!.GetValue<int>());
        Assert.Equal($"\"{minimal["version"]}\"", forwarded.Headers.ETag!.Tag);
        Assert.Equal((await specialist.GetCaseAsync(id))["state"]!.GetValue<string>(), minimal["state"]!.GetValue<string>());

        // Without the preference: the full view, journal included.
        var full = await clerk.OpenCaseAsync();
        Assert.NotNull(full["history"]);
        Assert.NotNull(full["overallClock"]);
    }
}
