using System.Net;
using System.Net.Http.Json;
using System.Text;
using Tongban.Integration.Tests.Infrastructure;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.Embedded;

/// <summary>Bad input gets the right status and a message naming the field, and changes nothing.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private readonly EmbeddedApp _app = new();
    private StaffClient _clerk = null!;

    public async Task InitializeAsync() => _clerk = await _app.LoginAsync("dongmen.clerk");

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Malformed_json_is_400_naming_the_field_and_opens_no_case()
    {
        var response = await _clerk.Http.PostAsync("/api/cases", new StringContent("""{"itemCode":"QS-MZ-001","materials":"ID"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await ProblemAsync(response))["errors"]!.AsObject().ContainsKey("materials"));

        var truncated = await _clerk.Http.PostAsync("/api/cases", new StringContent("""{"itemCode":""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, truncated.StatusCode);
        await AssertNoCasesAsync();
    }

    [Theory]
    [InlineData("11010519491231002Y", "身份证号最后一位只能是数字或X")]
    [InlineData("110105194912310021", "身份证号校验位不正确")]
    [InlineData("1101051949123100", "身份证号应为18位")]
    [InlineData("110105194902300023", "身份证号中的出生日期无效")]
    public async Task An_invalid_id_number_is_400_on_applicant_idNumber(string idNumber, string message)
    {
        var response = await _clerk.Http.PostAsJsonAsync("/api/cases", IntakeBody(idNumber: idNumber));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ProblemAsync(response))["errors"]!.AsObject();
        Assert.Contains(message, errors["applicant.idNumber"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        await AssertNoCasesAsync();
    }

    [Fact]
    public async Task Unknown_item_mode_township_or_material_is_400_on_that_field()
    {
        await AssertFieldErrorAsync(IntakeBody(itemCode: "QS-XX-999"), "itemCode");
        await AssertFieldErrorAsync(IntakeBody(mode: "Teleport"), "mode");
        await AssertFieldErrorAsync(IntakeBody(township: "atlantis"), "registrationTownshipId");
        await AssertFieldErrorAsync(IntakeBody(materials: ["ID", "HUKOU", "FORM", "NOT_A_MATERIAL"]), "materials[3]");
        await AssertFieldErrorAsync(IntakeBody(materials: ["ID"]), "materials");
        await AssertNoCasesAsync();
    }

    [Fact]
    public async Task An_action_out_of_order_is_409_with_the_reason_and_changes_nothing()
    {
        var specialist = await _app.LoginAsync("dongmen.specialist");
        var township = await _app.LoginAsync("hexi.backoffice");
        var id = IdOf(await _clerk.OpenCaseAsync());
        var before = await specialist.WaitForStateAsync(id, "AtSpecialist");

        var archive = await _clerk.ActAsync(id, "archive");
        Assert.Equal(HttpStatusCode.Conflict, archive.StatusCode);
        Assert.Contains("通办专员审核", (await ProblemAsync(archive))["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        await specialist.DoAsync(id, "forward");
        await township.WaitForStateAsync(id, "AwaitingSignFor");
        var accept = await township.ActAsync(id, "accept");
        Assert.Equal(HttpStatusCode.Conflict, accept.StatusCode);
        Assert.Contains("签收", (await ProblemAsync(accept))["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var after = await township.GetCaseAsync(id);
        Assert.Equal("AwaitingSignFor", StateOf(after));
        Assert.Equal(before["history"]!.AsArray().Count + 2, after["history"]!.AsArray().Count);
    }

    [Fact]
    public async Task Acting_on_someone_elses_case_is_403_and_changes_nothing()
    {
        var otherTownship = await _app.LoginAsync("shiqiao.backoffice");
        var otherClerk = await _app.LoginAsync("xijie.clerk");
        var specialist = await _app.LoginAsync("dongmen.specialist");
        var id = IdOf(await _clerk.OpenCaseAsync());
        await specialist.WaitForStateAsync(id, "AtSpecialist");

        Assert.Equal(HttpStatusCode.Forbidden, (await otherClerk.ActAsync(id, "forward")).StatusCode);
        // The intake clerk belongs to the case's community, but forwarding is the specialist's post.
        Assert.Equal(HttpStatusCode.Forbidden, (await _clerk.ActAsync(id, "forward")).StatusCode);
        await specialist.DoAsync(id, "forward");
        var township = await _app.LoginAsync("hexi.backoffice");
        await township.WaitForStateAsync(id, "AwaitingSignFor");
        Assert.Equal(HttpStatusCode.Forbidden, (await otherTownship.ActAsync(id, "sign-for")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherTownship.Http.GetAsync($"/api/cases/{id}")).StatusCode);

        Assert.Equal("AwaitingSignFor", StateOf(await township.GetCaseAsync(id)));
    }

    [Fact]
    public async Task Calls_without_a_valid_login_are_401()
    {
        var anonymous = _app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/catalog")).StatusCode);
        var wrong = await anonymous.PostAsJsonAsync("/api/auth/login", new { username = "dongmen.clerk", password = "wrong" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        var missing = await anonymous.PostAsJsonAsync("/api/auth/login", new { username = "dongmen.clerk" });
        Assert.True((await ProblemAsync(missing))["errors"]!.AsObject().ContainsKey("password"));
    }

    [Fact]
    public async Task Bad_action_bodies_are_400_naming_the_field()
    {
        var specialist = await _app.LoginAsync("dongmen.specialist");
        var township = await _app.LoginAsync("hexi.backoffice");
        var id = IdOf(await _clerk.OpenCaseAsync());
        await specialist.WaitForStateAsync(id, "AtSpecialist");
        await specialist.DoAsync(id, "forward");
        await township.WaitForStateAsync(id, "AwaitingSignFor");
        await township.DoAsync(id, "sign-for");

        var empty = await township.ActAsync(id, "return-for-correction", new { missing = Array.Empty<object>() });
        Assert.True((await ProblemAsync(empty))["errors"]!.AsObject().ContainsKey("missing"));
        var unknown = await township.ActAsync(id, "return-for-correction", new { missing = new[] { new { code = "NOPE", problem = "x" } } });
        Assert.True((await ProblemAsync(unknown))["errors"]!.AsObject().ContainsKey("missing[0].code"));
        Assert.Equal("SignedFor", StateOf(await township.GetCaseAsync(id)));
    }

    private async Task AssertFieldErrorAsync(object body, string field)
    {
        var response = await _clerk.Http.PostAsJsonAsync("/api/cases", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ProblemAsync(response))["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(field), $"expected an error on {field}, got {errors.ToJsonString()}");
    }

    private async Task AssertNoCasesAsync()
    {
        var queue = await (await _app.LoginAsync("dongmen.specialist")).Http.GetFromJsonAsync<List<object>>("/api/work-queue");
        Assert.Empty(queue!);
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Tongban.Workflows.Runtime.Persistence.TongbanDbContext>();
        Assert.Equal(0, db.Cases.Count());
        Assert.Equal(0, db.Outbox.Count());
    }
}
