using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongban.Gateway.Auth;
using Tongban.Integration.Tests.Infrastructure;
using Tongban.Workflows.Runtime.Persistence;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.Security;

/// <summary>Hardening of inputs: hidden characters, impossible dates and numbers are 400 on their field; a password-less account is 401.</summary>
public sealed class InputsTests : IAsyncLifetime
{
    private readonly EmbeddedApp _app = new();
    private StaffClient _clerk = null!;

    public async Task InitializeAsync() => _clerk = await _app.LoginAsync("dongmen.clerk");

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("李\u202E大爷")]
    [InlineData("李\u200B大爷")]
    [InlineData("李\n大爷")]
    public async Task A_name_with_hidden_characters_is_400_on_applicant_name(string name)
    {
        await AssertFieldErrorAsync(IntakeBody(applicant: name), "applicant.name");
    }

    [Theory]
    [InlineData("00000000000")]
    [InlineData("0000-0000000")]
    public async Task An_all_zero_phone_is_400_on_applicant_phone(string phone)
    {
        var body = new
        {
            itemCode = "QS-MZ-001", mode = "ProxyIntake", registrationTownshipId = "hexi", materials = new[] { "ID", "HUKOU", "FORM" },
            applicant = new { name = "李大爷", idNumber = ValidIdNumber, phone },
        };
        await AssertFieldErrorAsync(body, "applicant.phone");
    }

    [Fact]
    public async Task A_birth_date_after_today_is_400_on_applicant_idNumber()
    {
        // 2099-01-01 is inside the standard's range but after today: nobody at the window is born yet.
        await AssertFieldErrorAsync(IntakeBody(idNumber: "110105209901010012"), "applicant.idNumber");
    }

    [Theory]
    [InlineData("2999-01-01")]
    [InlineData("1999-12-31")]
    public async Task An_authorisation_signed_in_the_future_or_before_2000_is_400_on_signedOn(string signedOn)
    {
        var body = new
        {
            itemCode = "QS-MZ-001", mode = "ProxyIntake", registrationTownshipId = "hexi", materials = new[] { "ID", "HUKOU", "FORM" },
            applicant = new { name = "李大爷", idNumber = ValidIdNumber, phone = ValidPhone },
            channel = "DoorToDoor",
            authorisation = new { agent = "网格员王五", scope = "代办本事项", signedOn },
        };
        await AssertFieldErrorAsync(body, "authorisation.signedOn");
    }

    [Fact]
    public async Task An_account_without_a_password_is_401_and_throttled_never_500()
    {
        using (var scope = _app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
            await db.Staff.Where(s => s.Id == "dongmen.specialist").ExecuteUpdateAsync(u => u.SetProperty(s => s.PasswordHash, "!"));
        }

        using var http = _app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < LoginThrottle.MaxFailures; i++)
        {
            var response = await http.PostAsJsonAsync("/api/auth/login", new { username = "dongmen.specialist", password = "anything" });
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses[..^1], s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    private async Task AssertFieldErrorAsync(object body, string field)
    {
        var response = await _clerk.Http.PostAsJsonAsync("/api/cases", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ProblemAsync(response))["errors"]!.AsObject().ContainsKey(field), await response.Content.ReadAsStringAsync());
    }
}
