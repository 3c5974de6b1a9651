using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tongban.Integration.Tests.Infrastructure;
using Tongban.Workflows.Runtime.Persistence;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.FrontDoors;

/// <summary>
/// 接件 through the intake page and through POST /api/cases: the same situation gives the same outcome, because
/// both doors call the one OpenCase use case.
/// </summary>
public sealed class IntakeFrontDoorTests : IAsyncLifetime
{
    private const string Item = "QS-MZ-001";
    private const string WrongCheckDigit = "110105194912310021";

    private readonly EmbeddedApp _app = new();
    private StaffClient _api = null!;
    private PageClient _pages = null!;

    public async Task InitializeAsync()
    {
        _api = await _app.LoginAsync("dongmen.clerk");
        _pages = await PageClient.LoginAsync(_app, "dongmen.clerk");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task An_intake_posted_twice_with_the_same_key_opens_one_case_through_either_door()
    {
        var form = await _pages.GetPageAsync($"/window/intake?item={Item}");
        var pageKey = PageClient.InputValue(form, "Form.IdempotencyKey");
        Assert.True(Guid.TryParse(pageKey, out _), $"the intake form carries a key, got '{pageKey}'");

        var first = await _pages.PostFormAsync("/window/intake", form, IntakeForm(pageKey!));
        var again = await _pages.PostFormAsync("/window/intake", form, IntakeForm(pageKey!));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal($"/cases/{pageKey}", first.Headers.Location!.OriginalString);
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal(1, CountCases());

        var apiKey = Guid.NewGuid();
        var created = await PostIntakeAsync(_api, apiKey, IntakeBody());
        var repeated = await PostIntakeAsync(_api, apiKey, IntakeBody());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeated.StatusCode);
        Assert.Equal(apiKey, IdOf((await created.Content.ReadFromJsonAsync<JsonObject>())!));
        Assert.Equal(apiKey, IdOf((await repeated.Content.ReadFromJsonAsync<JsonObject>())!));
        Assert.Equal(2, CountCases());
    }

    [Fact]
    public async Task A_new_form_gets_a_new_key_and_a_form_with_errors_keeps_its_key()
    {
        var one = PageClient.InputValue(await _pages.GetPageAsync($"/window/intake?item={Item}"), "Form.IdempotencyKey");
        var form = await _pages.GetPageAsync($"/window/intake?item={Item}");
        var two = PageClient.InputValue(form, "Form.IdempotencyKey");
        Assert.NotEqual(one, two);

        var refused = await _pages.PostFormAsync("/window/intake", form, IntakeForm(two!, idNumber: WrongCheckDigit));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(two, PageClient.InputValue(await refused.Content.ReadAsStringAsync(), "Form.IdempotencyKey"));
    }

    [Fact]
    public async Task An_invalid_intake_is_refused_on_the_same_fields_with_the_same_messages_and_writes_nothing()
    {
        var longName = new string('李', 51);
        var body = new
        {
            itemCode = Item,
            mode = "ProxyIntake",
            applicant = new { name = longName, idNumber = WrongCheckDigit, phone = ValidPhone },
            registrationTownshipId = "hexi",
            materials = new[] { "ID", "HUKOU", "FORM", "NOT_A_MATERIAL" },
        };
        var api = await _api.Http.PostAsJsonAsync("/api/cases", body);
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        var errors = (await ProblemAsync(api))["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("applicant.name") && errors.ContainsKey("applicant.idNumber"), errors.ToJsonString());

        var form = await _pages.GetPageAsync($"/window/intake?item={Item}");
        var page = await _pages.PostFormAsync("/window/intake", form, IntakeForm(PageClient.InputValue(form, "Form.IdempotencyKey")!, name: longName, idNumber: WrongCheckDigit));
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(Message(errors, "applicant.name"), PageClient.TextOf(html, "name-error"));
        Assert.Equal(Message(errors, "applicant.idNumber"), PageClient.TextOf(html, "idNumber-error"));

        // The unknown material: the engine's check, after the form check passed, on both doors.
        var materialApi = await _api.Http.PostAsJsonAsync("/api/cases", IntakeBody(materials: ["ID", "HUKOU", "FORM", "NOT_A_MATERIAL"]));
        var materialErrors = (await ProblemAsync(materialApi))["errors"]!.AsObject();
        Assert.True(materialErrors.ContainsKey("materials[3]"), materialErrors.ToJsonString());
        var materialPage = await _pages.PostFormAsync("/window/intake", form, IntakeForm(PageClient.InputValue(form, "Form.IdempotencyKey")!, materials: ["ID", "HUKOU", "FORM", "NOT_A_MATERIAL"]));
        Assert.Equal(HttpStatusCode.BadRequest, materialPage.StatusCode);
        Assert.Equal(Message(materialErrors, "materials[3]"), PageClient.TextOf(await materialPage.Content.ReadAsStringAsync(), "materials-error"));

        Assert.Equal(0, CountCases());
    }

    [Fact]
    public async Task Over_long_fields_and_too_many_materials_are_refused_by_name()
    {
        var body = new
        {
            itemCode = Item,
            mode = "ProxyIntake",
            applicant = new { name = "李大爷", idNumber = ValidIdNumber, phone = ValidPhone },
            registrationTownshipId = "hexi",
            materials = Enumerable.Repeat("ID", 51).ToArray(),
            deferredMaterials = Enumerable.Repeat("PHOTO", 51).ToArray(),
            authorisation = new { agent = new string('周', 101), scope = new string('代', 501), signedOn = "2026-11-20" },
        };
        var response = await _api.Http.PostAsJsonAsync("/api/cases", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ProblemAsync(response))["errors"]!.AsObject();
        Assert.All(new[] { "materials", "deferredMaterials", "authorisation.agent", "authorisation.scope" }, key => Assert.True(errors.ContainsKey(key), errors.ToJsonString()));
        Assert.Equal(0, CountCases());
    }

    [Fact]
    public async Task Parallel_intakes_with_one_key_open_one_case_and_never_fail()
    {
        var key = Guid.NewGuid();
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => PostIntakeAsync(_api, key, IntakeBody())));
        var statuses = answers.Select(a => a.StatusCode).ToList();
        Assert.True(statuses.All(s => s is HttpStatusCode.Created or HttpStatusCode.OK), string.Join(", ", statuses));
        Assert.Single(statuses, HttpStatusCode.Created);
        foreach (var answer in answers) Assert.Equal(key, IdOf((await answer.Content.ReadFromJsonAsync<JsonObject>())!));

        var form = await _pages.GetPageAsync($"/window/intake?item={Item}");
        var pageKey = PageClient.InputValue(form, "Form.IdempotencyKey")!;
        var posts = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => _pages.PostFormAsync("/window/intake", form, IntakeForm(pageKey))));
        Assert.All(posts, p => Assert.Equal(HttpStatusCode.Redirect, p.StatusCode));
        Assert.All(posts, p => Assert.Equal($"/cases/{pageKey}", p.Headers.Location!.OriginalString));

        Assert.Equal(2, CountCases());
    }

    [Fact]
    public async Task The_same_key_with_another_application_is_409_naming_the_key_through_either_door()
    {
        var key = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await PostIntakeAsync(_api, key, IntakeBody())).StatusCode);
        foreach (var other in new[] { IntakeBody(idNumber: "110105194912310038"), IntakeBody(materials: ["ID", "HUKOU", "FORM", "PHOTO"]), IntakeBody(itemCode: "QS-MZ-002") })
        {
            var conflict = await PostIntakeAsync(_api, key, other);
            Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
            Assert.Contains("Idempotency-Key", (await ProblemAsync(conflict))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        var form = await _pages.GetPageAsync($"/window/intake?item={Item}");
        var pageKey = PageClient.InputValue(form, "Form.IdempotencyKey")!;
        Assert.Equal(HttpStatusCode.Redirect, (await _pages.PostFormAsync("/window/intake", form, IntakeForm(pageKey))).StatusCode);
        var page = await _pages.PostFormAsync("/window/intake", form, IntakeForm(pageKey, idNumber: "110105194912310038"));
        Assert.Equal(HttpStatusCode.Conflict, page.StatusCode);
        Assert.Contains("Idempotency-Key", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(2, CountCases());
    }

    [Fact]
    public async Task Another_communitys_consultation_cannot_be_carried_into_a_case_through_either_door()
    {
        var xijie = await _app.LoginAsync("xijie.clerk");
        var told = await xijie.Http.PostAsJsonAsync("/api/consultations", new { itemCode = Item, channel = "Phone" });
        var consultationId = (await told.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();

        var api = await _api.Http.PostAsJsonAsync("/api/cases", new
        {
            itemCode = Item, mode = "ProxyIntake", applicant = new { name = "李大爷", idNumber = ValidIdNumber, phone = ValidPhone },
            registrationTownshipId = "hexi", materials = new[] { "ID", "HUKOU", "FORM" }, consultationId,
        });
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        var errors = (await ProblemAsync(api))["errors"]!.AsObject();

        var form = await _pages.GetPageAsync($"/window/intake?item={Item}&consultation={consultationId}");
        var page = await _pages.PostFormAsync("/window/intake", form, [.. IntakeForm(PageClient.InputValue(form, "Form.IdempotencyKey")!), new("Form.ConsultationId", consultationId.ToString())]);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains(Message(errors, "consultationId"), PageClient.TextOf(await page.Content.ReadAsStringAsync(), "error-summary"), StringComparison.Ordinal);

        Assert.Equal(0, CountCases());
    }

    private static List<KeyValuePair<string, string>> IntakeForm(string key, string name = "李大爷", string idNumber = ValidIdNumber, string[]? materials = null) =>
    [
        new("Form.ItemCode", Item), new("Form.Mode", "ProxyIntake"), new("Form.Channel", "Window"),
        new("Form.Name", name), new("Form.IdNumber", idNumber), new("Form.Phone", ValidPhone), new("Form.TownshipId", "hexi"),
        .. (materials ?? ["ID", "HUKOU", "FORM"]).Select(m => new KeyValuePair<string, string>("Form.Materials", m)),
        new("Form.IdempotencyKey", key),
    ];

    private static Task<HttpResponseMessage> PostIntakeAsync(StaffClient clerk, Guid key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key.ToString());
        return clerk.Http.SendAsync(request);
    }

    private static string Message(JsonObject errors, string key) => errors[key]![0]!.GetValue<string>();

    private int CountCases()
    {
        using var scope = _app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<TongbanDbContext>().Cases.Count();
    }
}
