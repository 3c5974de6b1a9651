using System.Text.Json.Nodes;
using Tongban.Integration.Tests.Infrastructure;
using Tongban.Integration.Tests.People;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.FrontDoors;

/// <summary>
/// 并联办理 at the bureau (embedded: SQLite file, in-memory bus, the demo county): a 重度残疾人单独施保 case (QS-MZ-007,
/// joint-handling@1) with 县残联 and 县民政局 giving their opinions at once is counted at both units on 监督看板, each
/// task by its own clock, and is in both units' lists (<c>GET /api/bureau/cases?jurisdiction=dept-…</c> and 办件明细),
/// with the API's counts equal to its rows.
/// </summary>
public sealed class BureauBranchTasksTests : IAsyncLifetime
{
    // Monday 2026-11-23, 09:00 in the county.
    private readonly ManualClock _clock = new(ManualClock.Shanghai(2026, 11, 23));
    private readonly EmbeddedApp _app;

    public BureauBranchTasksTests() => _app = new EmbeddedApp { Clock = _clock };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_case_in_two_branches_is_counted_and_listed_at_both_departments_each_by_its_own_clock()
    {
        var clerk = await _app.LoginAsync("dongmen.clerk");
        var specialist = await _app.LoginAsync("dongmen.specialist");
        var township = await _app.LoginAsync("hexi.backoffice");
        var id = IdOf(await clerk.OpenCaseAsync(IntakeBody("QS-MZ-007", materials: ["ID", "HUKOU", "DISABILITY_CERT", "FORM", "ECONOMIC_AUTH"])));
        await specialist.WaitForStateAsync(id, "AtSpecialist");
        await specialist.DoAsync(id, "forward");
        await township.WaitForStateAsync(id, "AwaitingSignFor");
        await township.DoAsync(id, "sign-for");
        Assert.Equal("TownshipReview", StateOf(await township.DoAsync(id, "accept")));
        await BothTasksOpenAsync(township, id);

        var api = await _app.LoginAsync("bureau.supervisor");
        var pages = await PageSession.LoginAsync(_app, "bureau.supervisor");

        // Monday: both opinions open and on time; the case is in both departments' lists and in the township's.
        var dashboard = await pages.GetAsync("/bureau");
        foreach (var unit in new[] { "dept-cjl", "dept-mzj" })
        {
            Assert.Equal(1, PageSession.Cell(dashboard, "by-unit-tasks", unit, "open"));
            Assert.Equal(1, PageSession.Cell(dashboard, "by-unit-tasks", unit, "ontime"));
            Assert.Equal(0, PageSession.Cell(dashboard, "by-unit-tasks", unit, "overdue"));
            Assert.Contains(id, PageSession.CaseIdsIn(await pages.GetAsync($"/bureau/cases?state=open&jurisdiction={unit}"), "bureau-cases"));
            Assert.Contains(id, await ApiIdsAsync(api, $"colour=Green&jurisdiction={unit}"));
        }

        Assert.Contains(id, PageSession.CaseIdsIn(await pages.GetAsync("/bureau/cases?state=open&jurisdiction=hexi"), "bureau-cases"));
        Assert.DoesNotContain(id, PageSession.CaseIdsIn(await pages.GetAsync("/bureau/cases?state=open&jurisdiction=dongmen"), "bureau-cases"));

        // Friday: 县残联's 3 working days ran out at the end of Thursday; 县民政局 has until the end of Monday.
        _clock.Set(ManualClock.Shanghai(2026, 11, 27, 10));
        var cjlLate = await api.GetObjectAsync("/api/bureau/cases?colour=Red&jurisdiction=dept-cjl");
        Assert.Equal([id], Ids(cjlLate));
        Assert.Equal(1, cjlLate["total"]!.GetValue<int>());
        var cjlCount = Assert.Single(cjlLate["byJurisdiction"]!.AsArray())!;
        Assert.Equal(("dept-cjl", 1, 0), (cjlCount["key"]!.GetValue<string>(), cjlCount["red"]!.GetValue<int>(), cjlCount["yellow"]!.GetValue<int>()));
        Assert.DoesNotContain(id, await ApiIdsAsync(api, "colour=Red&jurisdiction=dept-mzj"));
        Assert.Equal(0, (await api.GetObjectAsync("/api/bureau/cases?colour=Red&jurisdiction=dept-mzj"))["total"]!.GetValue<int>());

        // The list page says the same as the API, and so does the dashboard's row of each unit.
        var overdue = await pages.GetAsync("/bureau/cases?state=overdue&jurisdiction=dept-cjl");
        Assert.Equal([id], PageSession.CaseIdsIn(overdue, "bureau-cases"));
        Assert.Equal(1, PageSession.Number(overdue, "result-total"));
        dashboard = await pages.GetAsync("/bureau");
        Assert.Equal((1, 1), (PageSession.Cell(dashboard, "by-unit-tasks", "dept-cjl", "open"), PageSession.Cell(dashboard, "by-unit-tasks", "dept-cjl", "overdue")));
        Assert.Equal((1, 0), (PageSession.Cell(dashboard, "by-unit-tasks", "dept-mzj", "open"), PageSession.Cell(dashboard, "by-unit-tasks", "dept-mzj", "overdue")));

        // 县残联 gives its opinion: its task is done and leaves its unit's counts and list; 县民政局's stays.
        var cjl = await _app.LoginAsync("cjl.officer");
        var cjlTask = (await township.GetCaseAsync(id))["tasks"]!.AsArray().Single(t => t!["node"]!.GetValue<string>() == "CjlOpinion")!["id"]!.GetValue<Guid>();
        await cjl.DoAsync(id, $"tasks/{cjlTask}/giveOpinion", new { agrees = true, text = "经核定，残疾等级为一级。" });
        dashboard = await pages.GetAsync("/bureau");
        Assert.Equal(0, PageSession.Cell(dashboard, "by-unit-tasks", "dept-cjl", "open"));
        Assert.Equal(1, PageSession.Cell(dashboard, "by-unit-tasks", "dept-mzj", "open"));
        Assert.DoesNotContain(id, PageSession.CaseIdsIn(await pages.GetAsync("/bureau/cases?state=open&jurisdiction=dept-cjl"), "bureau-cases"));
        Assert.Contains(id, PageSession.CaseIdsIn(await pages.GetAsync("/bureau/cases?state=open&jurisdiction=dept-mzj"), "bureau-cases"));
    }

    private static async Task BothTasksOpenAsync(StaffClient client, Guid id)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(50))
        {
            var tasks = (await client.GetCaseAsync(id))["tasks"]!.AsArray();
            if (tasks.Count == 2 && tasks.All(t => t!["status"]!.GetValue<string>() == "Open")) return;
        }

        throw new TimeoutException($"the two branch tasks of case {id} were not both taken up");
    }

    private static List<Guid> Ids(JsonObject answer) => [.. answer["rows"]!.AsArray().Select(r => r!["id"]!.GetValue<Guid>())];

    private static async Task<List<Guid>> ApiIdsAsync(StaffClient api, string query) => Ids(await api.GetObjectAsync($"/api/bureau/cases?{query}"));
}
