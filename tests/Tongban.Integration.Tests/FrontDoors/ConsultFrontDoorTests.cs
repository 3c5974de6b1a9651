using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tongban.Integration.Tests.Infrastructure;
using Tongban.Workflows.Runtime.Persistence;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.FrontDoors;

/// <summary>
/// 咨询告知 through the consultation page and through POST /api/consultations: both call RecordConsultation, so a
/// bad channel or an over-long note is refused on both, naming the field, with nothing recorded.
/// </summary>
public sealed class ConsultFrontDoorTests : IAsyncLifetime
{
    private const string Item = "QS-MZ-001";

    private readonly EmbeddedApp _app = new();
    private StaffClient _api = null!;
    private PageClient _pages = null!;

    public async Task InitializeAsync()
    {
        _api = await _app.LoginAsync("dongmen.clerk");
        _pages = await PageClient.LoginAsync(_app, "dongmen.clerk");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("channel", "Fax", "")]
    [InlineData("channel", "1", "")]
    [InlineData("note", "Phone", "501")]
    public async Task A_bad_channel_or_an_over_long_note_is_refused_on_that_field_through_either_door(string field, string channel, string noteLength)
    {
        var note = noteLength.Length == 0 ? "" : new string('注', int.Parse(noteLength, System.Globalization.CultureInfo.InvariantCulture));
        var api = await _api.Http.PostAsJsonAsync("/api/consultations", new { itemCode = Item, channel, note });
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        var errors = (await ProblemAsync(api))["errors"]!.AsObject();
        Assert.Equal(new[] { field }, errors.Select(e => e.Key));

        var form = await _pages.GetPageAsync($"/window/consult?item={Item}");
        var page = await _pages.PostFormAsync("/window/consult?handler=Record", form, [new("item", Item), new("channel", channel), new("note", note)]);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(errors[field]![0]!.GetValue<string>(), PageClient.TextOf(html, field == "channel" ? "contact-channel-error" : "contact-note-error"));
        if (field == "note") Assert.Equal(note, PageClient.InputValue(html, "note"));

        Assert.Equal(0, CountConsultations());
    }

    [Fact]
    public async Task A_good_consultation_is_recorded_the_same_through_either_door()
    {
        var api = await _api.Http.PostAsJsonAsync("/api/consultations", new { itemCode = Item, channel = "Phone", note = "  来电询问  " });
        Assert.Equal(HttpStatusCode.Created, api.StatusCode);
        var recorded = (await api.Content.ReadFromJsonAsync<JsonObject>())!;

        var form = await _pages.GetPageAsync($"/window/consult?item={Item}");
        var page = await _pages.PostFormAsync("/window/consult?handler=Record", form, [new("item", Item), new("channel", "Phone"), new("note", "  来电询问  ")]);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);

        using var scope = _app.Services.CreateScope();
        var rows = scope.ServiceProvider.GetRequiredService<TongbanDbContext>().Consultations.OrderBy(c => c.At).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(("dongmen", "Phone", "来电询问", recorded["promisedWorkingDays"]!.GetValue<int>()), (r.JurisdictionId, r.Channel.ToString(), r.Note, r.PromisedWorkingDays)));
        Assert.Equal(recorded["id"]!.GetValue<Guid>(), rows[0].Id);
    }

    private int CountConsultations()
    {
        using var scope = _app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<TongbanDbContext>().Consultations.Count();
    }
}
