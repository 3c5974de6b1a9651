using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tongban.Integration.Tests.Infrastructure;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.TimeLimits;

/// <summary>容缺受理: accepted with non-essential materials missing on a written promise; a broken promise withdraws the case.</summary>
public sealed class DeferredMaterialsTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new(ManualClock.Shanghai(2026, 11, 23));
    private readonly EmbeddedApp _app;

    public DeferredMaterialsTests() => _app = new EmbeddedApp { Clock = _clock };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static object Deferred(string[] deferred, int? days = 3) => new
    {
        itemCode = "QS-MZ-001",
        mode = "ProxyIntake",
        applicant = new { name = "李大爷", idNumber = ValidIdNumber, phone = ValidPhone },
        registrationTownshipId = "hexi",
        materials = new[] { "ID", "HUKOU", "FORM" },
        deferredMaterials = deferred,
        promiseWorkingDays = days,
    };

    [Fact]
    public async Task A_case_whose_promised_materials_do_not_arrive_in_time_is_withdrawn_and_the_window_is_told()
    {
        var clerk = await _app.LoginAsync("dongmen.clerk");
        var specialist = await _app.LoginAsync("dongmen.specialist");
        var opened = await clerk.OpenCaseAsync(Deferred(["BANK_CARD"]));
        var id = IdOf(opened);
        // 3 working days from Mon 23 Nov → end of Thu 26 Nov.
        Assert.Equal(ManualClock.Shanghai(2026, 11, 26, 23, 59).AddSeconds(59), opened["promiseDueAt"]!.GetValue<DateTimeOffset>());
        await specialist.WaitForStateAsync(id, "AtSpecialist");
        await specialist.DoAsync(id, "forward");

        _clock.Set(ManualClock.Shanghai(2026, 11, 27, 9));
        var withdrawn = await clerk.WaitForStateAsync(id, "Withdrawn");

        Assert.Equal("Withdraw", HistoryOf(withdrawn)[^1].Action);
        Assert.Equal("node:timer", HistoryOf(withdrawn)[^1].ActorId);
        Assert.Null(withdrawn["overallClock"]!["colour"]);
        var notices = await clerk.Http.GetFromJsonAsync<JsonArray>("/api/notifications");
        Assert.Contains(notices!, n => n!["caseId"]!.GetValue<Guid>() == id && n["kind"]!.GetValue<string>() == "withdrawn");
        // The township cannot act on it any more.
        var township = await _app.LoginAsync("hexi.backoffice");
        Assert.Equal(HttpStatusCode.Conflict, (await township.ActAsync(id, "sign-for")).StatusCode);
    }

    [Fact]
    public async Task Materials_supplied_in_time_keep_the_case_alive()
    {
        var clerk = await _app.LoginAsync("dongmen.clerk");
        var id = IdOf(await clerk.OpenCaseAsync(Deferred(["BANK_CARD", "PHOTO"])));
        await (await _app.LoginAsync("dongmen.specialist")).WaitForStateAsync(id, "AtSpecialist");

        var wrong = await clerk.ActAsync(id, "materials", new { materials = new[] { "ID" } });
        Assert.True((await ProblemAsync(wrong))["errors"]!.AsObject().ContainsKey("materials"));
        await clerk.DoAsync(id, "materials", new { materials = new[] { "BANK_CARD" } });
        var all = await clerk.DoAsync(id, "materials", new { materials = new[] { "PHOTO" } });
        Assert.Empty(all["deferredMaterials"]!.AsArray());
        Assert.Null(all["promiseDueAt"]);

        _clock.Set(ManualClock.Shanghai(2026, 11, 30, 9));
        await Task.Delay(600);
        Assert.Equal("AtSpecialist", StateOf(await clerk.GetCaseAsync(id)));
    }

    [Fact]
    public async Task Only_non_essential_materials_not_handed_in_can_be_deferred()
    {
        var clerk = await _app.LoginAsync("dongmen.clerk");
        var essential = await clerk.Http.PostAsJsonAsync("/api/cases", Deferred(["HUKOU"]));
        Assert.True((await ProblemAsync(essential))["errors"]!.AsObject().ContainsKey("deferredMaterials[0]"));
        var tooLong = await clerk.Http.PostAsJsonAsync("/api/cases", Deferred(["PHOTO"], 90));
        Assert.True((await ProblemAsync(tooLong))["errors"]!.AsObject().ContainsKey("promiseWorkingDays"));
    }
}
