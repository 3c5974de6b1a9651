using Tongban.Integration.Tests.Infrastructure;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.Embedded;

/// <summary>The whole route through the embedded system's API, as the README's curl walk does it.</summary>
public sealed class RouteTests : IAsyncLifetime
{
    private readonly EmbeddedApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_case_goes_from_intake_to_archive_with_a_correction_loop_and_every_step_in_its_history()
    {
        var clerk = await _app.LoginAsync("dongmen.clerk");
        var specialist = await _app.LoginAsync("dongmen.specialist");
        var township = await _app.LoginAsync("hexi.backoffice");

        var id = IdOf(await clerk.OpenCaseAsync());
        await specialist.WaitForStateAsync(id, "AtSpecialist");
        await specialist.DoAsync(id, "forward");
        await township.WaitForStateAsync(id, "AwaitingSignFor");
        await township.DoAsync(id, "sign-for");
        await township.DoAsync(id, "return-for-correction", new { missing = new[] { new { code = "BANK_CARD", problem = "未提供社保卡" } } });
        var awaiting = await clerk.WaitForStateAsync(id, "AwaitingCorrection");
        Assert.Equal("BANK_CARD", awaiting["missingMaterials"]![0]!["code"]!.GetValue<string>());

        await clerk.DoAsync(id, "resubmit", new { materials = new[] { "BANK_CARD" } });
        await township.WaitForStateAsync(id, "AwaitingSignFor");
        await township.DoAsync(id, "sign-for");
        await township.DoAsync(id, "accept");
        await township.DoAsync(id, "handle");
        await township.DoAsync(id, "decide", new { approved = true, text = "准予发放高龄津贴" });
        await clerk.WaitForStateAsync(id, "AwaitingDelivery");
        await clerk.DoAsync(id, "deliver", new { method = "Window" });
        await clerk.DoAsync(id, "evaluate", new { level = 1 });
        var archived = await clerk.DoAsync(id, "archive");

        Assert.Equal("Archived", StateOf(archived));
        Assert.Equal("dongmen.clerk", archived["firstContactStaffId"]!.GetValue<string>());
        Assert.Equal(1, archived["correctionRounds"]!.GetValue<int>());
        Assert.Equal(
            ["Intake", "Receive", "Forward", "Receive", "SignFor", "ReturnForCorrection", "Receive", "Resubmit", "Receive", "SignFor", "Accept", "Handle", "Decide", "Receive", "Deliver", "Evaluate", "Archive"],
            HistoryOf(archived).Select(h => h.Action));
        Assert.Equal(Enumerable.Range(1, 17), archived["history"]!.AsArray().Select(h => h!["sequence"]!.GetValue<int>()));
        Assert.Equal("node:embedded-test", HistoryOf(archived)[3].ActorId);
        Assert.Equal("hexi.backoffice", HistoryOf(archived)[4].ActorId);
    }

    [Fact]
    public async Task Every_step_can_be_taken_by_its_step_kind_on_the_generic_endpoint_with_only_its_own_fields()
    {
        var clerk = await _app.LoginAsync("dongmen.clerk");
        var specialist = await _app.LoginAsync("dongmen.specialist");
        var township = await _app.LoginAsync("hexi.backoffice");
        var id = IdOf(await clerk.OpenCaseAsync());
        await specialist.WaitForStateAsync(id, "AtSpecialist");

        await specialist.DoAsync(id, "steps/forward");
        await township.WaitForStateAsync(id, "AwaitingSignFor");
        await township.DoAsync(id, "steps/signFor");
        await township.DoAsync(id, "steps/accept");
        await township.DoAsync(id, "steps/handle");
        var foreign = await township.ActAsync(id, "steps/decide", new { approved = true, text = "准予", level = 1 });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.True((await ProblemAsync(foreign))["errors"]!.AsObject().ContainsKey("level"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await township.ActAsync(id, "steps/teleport")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await township.ActAsync(id, "steps/intake")).StatusCode);

        var decided = await township.DoAsync(id, "steps/decide", new { approved = true, text = "准予发放高龄津贴" });
        Assert.Equal(["Intake", "Receive", "Forward", "Receive", "SignFor", "Accept", "Handle", "Decide"], HistoryOf(decided).Select(h => h.Action));
    }

    [Fact]
    public async Task A_window_immediate_item_is_decided_at_the_window_and_may_be_archived_without_evaluation()
    {
        var clerk = await _app.LoginAsync("dongmen.clerk");
        var opened = await clerk.OpenCaseAsync(IntakeBody("QS-RS-002", materials: ["ID", "SS_CARD"]));
        Assert.Equal("Handling", StateOf(opened));

        var id = IdOf(opened);
        await clerk.DoAsync(id, "decide", new { approved = true, text = "认证通过" });
        await clerk.DoAsync(id, "deliver", new { method = "Window" });
        var archived = await clerk.DoAsync(id, "archive");

        Assert.Equal("Archived", StateOf(archived));
        Assert.Equal(["Intake", "Decide", "Deliver", "Archive"], HistoryOf(archived).Select(h => h.Action));
    }

    [Fact]
    public async Task The_work_queue_lists_cases_at_the_callers_post_with_masked_id_numbers()
    {
        var clerk = await _app.LoginAsync("dongmen.clerk");
        var specialist = await _app.LoginAsync("dongmen.specialist");
        var otherSpecialist = await _app.LoginAsync("xijie.specialist");
        var id = IdOf(await clerk.OpenCaseAsync());
        await specialist.WaitForStateAsync(id, "AtSpecialist");

        var queue = await specialist.Http.GetStringAsync("/api/work-queue");
        Assert.Contains(id.ToString(), queue, StringComparison.Ordinal);
        Assert.Contains("110105********002X", queue, StringComparison.Ordinal);
        Assert.DoesNotContain(ValidIdNumber, queue, StringComparison.Ordinal);
        Assert.DoesNotContain(id.ToString(), await otherSpecialist.Http.GetStringAsync("/api/work-queue"), StringComparison.Ordinal);
    }
}
