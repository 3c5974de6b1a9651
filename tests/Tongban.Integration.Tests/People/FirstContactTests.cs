using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tongban.Integration.Tests.Infrastructure;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.People;

/// <summary>首问负责 and 一次性告知: from consultation to archive, with holders, milestone notices and a counted second correction.</summary>
public sealed class FirstContactTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new(ManualClock.Shanghai(2026, 11, 23));
    private readonly EmbeddedApp _app;

    public FirstContactTests() => _app = new EmbeddedApp { Clock = _clock };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_case_from_consultation_to_archive_keeps_its_first_contact_person_informed_and_records_every_holder()
    {
        var first = await _app.LoginAsync("dongmen.specialist"); // answered the resident's phone call
        var clerk = await _app.LoginAsync("dongmen.clerk");
        var township = await _app.LoginAsync("hexi.backoffice");
        var head = await _app.LoginAsync("hexi.head");

        // The consultation: the complete material list and the promised date (15 working days: Mon 14 Dec).
        var told = await first.Http.PostAsJsonAsync("/api/consultations", new { itemCode = "QS-MZ-001", channel = "Phone" });
        Assert.Equal(HttpStatusCode.Created, told.StatusCode);
        var consultation = (await told.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains(consultation["materials"]!.AsArray(), m => m!["code"]!.GetValue<string>() == "BANK_CARD");
        Assert.Equal(ManualClock.Shanghai(2026, 12, 14, 23, 59).AddSeconds(59), consultation["promisedDueAt"]!.GetValue<DateTimeOffset>());

        var intake = IntakeBodyWith(consultation["id"]!.GetValue<Guid>());
        var id = IdOf(await clerk.OpenCaseAsync(intake));
        Assert.Equal("dongmen.specialist", (await clerk.GetCaseAsync(id))["firstContactStaffId"]!.GetValue<string>());
        await first.WaitForStateAsync(id, "AtSpecialist");
        await first.DoAsync(id, "forward");
        await township.WaitForStateAsync(id, "AwaitingSignFor");
        await township.DoAsync(id, "sign-for");
        await township.DoAsync(id, "return-for-correction", Missing("BANK_CARD"));
        await ResubmitAndSignForAsync(clerk, township, id, "BANK_CARD");

        // A second return needs the unit head's approval; with it, it goes through once.
        var second = await township.ActAsync(id, "return-for-correction", Missing("PHOTO"));
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("一次性告知", (await ProblemAsync(second))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await township.Http.PostAsJsonAsync($"/api/cases/{id}/second-correction-approvals", new { reason = "照片不合格" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await head.Http.PostAsJsonAsync($"/api/cases/{id}/second-correction-approvals", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await head.Http.PostAsJsonAsync($"/api/cases/{id}/second-correction-approvals", new { reason = "照片在补正后发现不合格" })).StatusCode);
        await township.DoAsync(id, "return-for-correction", Missing("PHOTO"));
        await ResubmitAndSignForAsync(clerk, township, id, "PHOTO");
        Assert.Equal(HttpStatusCode.Conflict, (await township.ActAsync(id, "return-for-correction", Missing("PHOTO"))).StatusCode);

        await township.DoAsync(id, "accept");
        await township.DoAsync(id, "handle");
        await township.DoAsync(id, "decide", new { approved = true, text = "准予发放" });
        await clerk.WaitForStateAsync(id, "AwaitingDelivery");
        await clerk.DoAsync(id, "deliver", new { method = "Window" });
        await clerk.DoAsync(id, "evaluate", new { level = 1 });
        var archived = await clerk.DoAsync(id, "archive");

        // Every holder, in order, each until the next took it.
        var holders = archived["holders"]!.AsArray().Select(h => (h!["staffId"]!.GetValue<string>(), h["postId"]!.GetValue<string>())).ToList();
        Assert.Equal(
            [("dongmen.clerk", "dongmen-window"), ("dongmen.specialist", "dongmen-specialist"), ("hexi.backoffice", "hexi-backoffice"), ("dongmen.clerk", "dongmen-window"),
             ("hexi.backoffice", "hexi-backoffice"), ("dongmen.clerk", "dongmen-window"), ("hexi.backoffice", "hexi-backoffice"), ("dongmen.clerk", "dongmen-window")],
            holders);
        Assert.All(archived["holders"]!.AsArray(), h => Assert.NotNull(h!["until"]));

        // The first-contact person's list and milestone notices.
        var mine = await first.GetArrayAsync("/api/first-contact");
        Assert.Equal("Archived", Assert.Single(mine)!["state"]!.GetValue<string>());
        var kinds = (await first.GetArrayAsync("/api/notifications")).Where(n => n!["caseId"]!.GetValue<Guid>() == id).Select(n => n!["kind"]!.GetValue<string>()).ToList();
        Assert.Equal(2, kinds.Count(k => k == "first-contact.ReturnForCorrection"));
        Assert.Contains("first-contact.Decide", kinds);
        Assert.Contains("first-contact.Deliver", kinds);

        // The approved second correction is counted against the township.
        var bureau = await _app.LoginAsync("bureau.supervisor");
        var stats = await bureau.GetObjectAsync("/api/bureau/statistics");
        var hexi = stats["byJurisdiction"]!.AsArray().Single(j => j!["jurisdictionId"]!.GetValue<string>() == "hexi")!;
        Assert.Equal(1, hexi["secondCorrections"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.Http.GetAsync("/api/bureau/statistics")).StatusCode);
    }

    private static object Missing(string code) => new { missing = new[] { new { code, problem = "缺少或不合格" } } };

    private static async Task ResubmitAndSignForAsync(StaffClient clerk, StaffClient township, Guid id, string material)
    {
        await clerk.WaitForStateAsync(id, "AwaitingCorrection");
        await clerk.DoAsync(id, "resubmit", new { materials = new[] { material } });
        await township.WaitForStateAsync(id, "AwaitingSignFor");
        await township.DoAsync(id, "sign-for");
    }

    private static object IntakeBodyWith(Guid consultationId) => new
    {
        itemCode = "QS-MZ-001",
        mode = "ProxyIntake",
        applicant = new { name = "李大爷", idNumber = ValidIdNumber, phone = ValidPhone },
        registrationTownshipId = "hexi",
        materials = new[] { "ID", "HUKOU", "FORM" },
        consultationId,
    };
}
