using System.Text.Json.Nodes;
using Tongban.Integration.Tests.Infrastructure;
using Tongban.Integration.Tests.People;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.FrontDoors;

/// <summary>
/// The bureau's questions at both doors: <c>GET /api/bureau/cases</c> and the pages 办件明细 and 监督看板 give the
/// same cases and the same counts for the same filter — by the jurisdiction holding the cases now
/// (<c>jurisdiction</c>) and by whose residents they are (<c>residentOf</c>), overdue and at risk.
/// </summary>
public sealed class BureauFrontDoorTests : IAsyncLifetime
{
    // Monday 2026-11-23, 09:00 in the county.
    private readonly ManualClock _clock = new(ManualClock.Shanghai(2026, 11, 23));
    private readonly EmbeddedApp _app;

    public BureauFrontDoorTests() => _app = new EmbeddedApp { Clock = _clock };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_list_page_and_the_api_select_the_same_cases_by_holder_and_by_resident_and_the_dashboard_counts_equal_the_apis()
    {
        // A 河西乡 resident's case taken in at 东门社区, waiting at 河西乡's back office: red from Wednesday (sign-for
        // within 1 working day). Another resident's case left with the specialist; a 石桥镇 resident's, fresh.
        var late = await PeopleApi.CaseAwaitingSignForAsync(_app);
        var clerk = await _app.LoginAsync("dongmen.clerk");
        var specialist = await _app.LoginAsync("dongmen.specialist");
        var withSpecialist = IdOf(await clerk.OpenCaseAsync(IntakeBody(township: "hexi")));
        await specialist.WaitForStateAsync(withSpecialist, "AtSpecialist");
        _clock.Set(ManualClock.Shanghai(2026, 11, 25, 10));
        var fresh = IdOf(await clerk.OpenCaseAsync(IntakeBody(township: "shiqiao")));
        await specialist.WaitForStateAsync(fresh, "AtSpecialist");

        var api = await _app.LoginAsync("bureau.supervisor");
        var pages = await PageSession.LoginAsync(_app, "bureau.supervisor");

        // The two meanings differ: held by 河西乡 now, or a resident of 东门社区 (taken in there), wherever held.
        Assert.Contains(late, await ApiIdsAsync(api, "colour=Red&jurisdiction=hexi"));
        Assert.Contains(late, await ApiIdsAsync(api, "colour=Red&residentOf=dongmen"));
        Assert.DoesNotContain(late, await ApiIdsAsync(api, "colour=Red&jurisdiction=dongmen"));
        Assert.Contains(late, await ApiIdsAsync(api, "colour=Red&residentOf=hexi"));

        foreach (var (colour, state) in new[] { ("Red", "overdue"), ("Yellow", "atrisk") })
        {
            foreach (var where in new[] { "", "jurisdiction=hexi", "jurisdiction=dongmen", "residentOf=hexi", "residentOf=dongmen", "residentOf=shiqiao", "item=QS-MZ-001" })
            {
                var query = where.Length == 0 ? "" : "&" + where;
                var answer = await api.GetObjectAsync($"/api/bureau/cases?colour={colour}{query}");
                var html = await pages.GetAsync($"/bureau/cases?state={state}{query}");
                var throughApi = answer["rows"]!.AsArray().Select(r => r!["id"]!.GetValue<Guid>()).Order().ToList();
                Assert.Equal(throughApi, PageSession.CaseIdsIn(html, "bureau-cases").Order().ToList());
                Assert.Equal(answer["total"]!.GetValue<int>(), PageSession.Number(html, "result-total"));
            }
        }

        // The dashboard's counts are the API's: county-wide (the running counts), per township holding the cases,
        // and filtered by residents (grouped from the cases).
        var county = await api.GetObjectAsync("/api/bureau/cases");
        var dashboard = await pages.GetAsync("/bureau");
        Assert.Equal(Sum(county, "red"), PageSession.Number(dashboard, "kpi-overdue"));
        Assert.Equal(Sum(county, "yellow"), PageSession.Number(dashboard, "kpi-atrisk"));
        Assert.True(Sum(county, "red") >= 1);
        foreach (var township in new[] { "hexi", "shiqiao", "baisha", "liulin" })
        {
            Assert.Equal(Of(county, township, "red"), PageSession.Cell(dashboard, "by-township", township, "overdue"));
            Assert.Equal(Of(county, township, "yellow"), PageSession.Cell(dashboard, "by-township", township, "atrisk"));
        }

        var open = await pages.GetAsync("/bureau/cases?state=open");
        Assert.Equal(PageSession.Number(open, "result-total"), PageSession.Number(dashboard, "kpi-open"));

        var residents = await api.GetObjectAsync("/api/bureau/cases?residentOf=dongmen");
        var residentsDashboard = await pages.GetAsync("/bureau?residentOf=dongmen");
        Assert.Equal(Sum(residents, "red"), PageSession.Number(residentsDashboard, "kpi-overdue"));
        Assert.Equal(Sum(residents, "yellow"), PageSession.Number(residentsDashboard, "kpi-atrisk"));
        Assert.Equal(Sum(residents, "red"), PageSession.Cell(dashboard, "by-community", "dongmen", "overdue"));
    }

    private static async Task<List<Guid>> ApiIdsAsync(StaffClient api, string query) =>
        [.. (await api.GetObjectAsync($"/api/bureau/cases?{query}"))["rows"]!.AsArray().Select(r => r!["id"]!.GetValue<Guid>())];

    private static int Sum(JsonObject answer, string colour) => answer["byJurisdiction"]!.AsArray().Sum(j => j![colour]!.GetValue<int>());

    private static int Of(JsonObject answer, string jurisdiction, string colour) =>
        answer["byJurisdiction"]!.AsArray().FirstOrDefault(j => j!["key"]!.GetValue<string>() == jurisdiction)?[colour]!.GetValue<int>() ?? 0;
}
