using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tongban.Integration.Tests.FrontDoors;
using Tongban.Integration.Tests.Infrastructure;
using Tongban.Testing;
using Tongban.Workflows.Runtime.Persistence;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.Residents;

/// <summary>
/// The counts the pilot counties publish, on the embedded system (a SQLite file; again on PostgreSQL) through
/// <c>GET /api/bureau/statistics</c> and the dashboard page: online requests called back within their limit, late,
/// or still open past it, per community; residents served (one resident however many cases, requests and visits; a
/// request whose phone is on a case is that case's resident); 本点代他点收件 per community and 他点代本点收件 per
/// township — in a county where 南湖社区 lies in 石桥镇, so a 石桥镇 resident's case taken in at 南湖 is neither.
/// </summary>
public sealed class PilotCountsTests : IAsyncDisposable
{
    private const string SecondId = "110105195001010012";
    private const string ThirdId = "110105194002020023";

    // Monday 23 November 2026, 09:00 in the county: a request now must be called back by 17:30 today.
    private readonly ManualClock _clock = new(ManualClock.Shanghai(2026, 11, 23, 9));
    private readonly string _countyFile = Path.Combine(Path.GetTempPath(), $"tongban-county-{Guid.NewGuid():N}.json");
    private readonly EmbeddedApp _app;

    public PilotCountsTests()
    {
        var county = JsonNode.Parse(File.ReadAllText(RepoPaths.Data("demo-county.json")))!.AsObject();
        county["jurisdictions"]!.AsArray().Single(j => j!["id"]!.GetValue<string>() == "nanhu")!["parent"] = "shiqiao";
        File.WriteAllText(_countyFile, county.ToJsonString());
        _app = new EmbeddedApp { Clock = _clock };
        _app.Settings["Demo:CountyPath"] = _countyFile;
        _app.Settings["Requests:PerAddressPerHour"] = "1000";
    }

    private string? _postgresDatabase;

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        File.Delete(_countyFile);
        if (_postgresDatabase is not null) await Substrate.DropDatabaseAsync(_postgresDatabase);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_backs_against_their_limit_residents_served_and_intake_for_other_places_are_counted_per_community_and_township(bool postgres)
    {
        if (postgres)
        {
            _postgresDatabase = $"pilot_{Guid.NewGuid():N}"[..20];
            _app.Settings["Database:Provider"] = "Postgres";
            _app.Settings["ConnectionStrings:Tongban"] = await Substrate.CreateDatabaseAsync(_postgresDatabase);
        }

        using var resident = _app.CreateClient();
        var r1 = await SubmitAsync(resident, "dongmen", "13800138001");
        var r2 = await SubmitAsync(resident, "dongmen", ValidPhone);
        await SubmitAsync(resident, "dongmen", "13800138003"); // never called back
        var r4 = await SubmitAsync(resident, "xijie", "13800138004");

        using var dongmen = await _app.LoginAsync("dongmen.clerk");
        using var xijie = await _app.LoginAsync("xijie.clerk");
        using var nanhu = await _app.LoginAsync("nanhu.clerk");
        _clock.Set(ManualClock.Shanghai(2026, 11, 23, 10));
        await CallBackAsync(dongmen, r1, "Answered");
        await CallBackAsync(xijie, r4, "Answered");

        // Tuesday: the second request is called back a day late; a new one is still within its limit (17:30 today).
        _clock.Set(ManualClock.Shanghai(2026, 11, 24, 10));
        await CallBackAsync(dongmen, r2, "ListTold");
        await SubmitAsync(resident, "dongmen", "13800138005");

        // Cases: the same resident twice at 东门 (and once at 西街), whose phone is the late request's; another at 东门
        // for 石桥镇; a 石桥镇 resident at 南湖 (which lies in 石桥镇).
        await dongmen.OpenCaseAsync(Intake("hexi", ValidIdNumber, ValidPhone));
        await dongmen.OpenCaseAsync(Intake("hexi", ValidIdNumber, ValidPhone, "QS-RS-001"));
        await dongmen.OpenCaseAsync(Intake("shiqiao", SecondId, "13800138006"));
        await xijie.OpenCaseAsync(Intake("hexi", ValidIdNumber, ValidPhone));
        await nanhu.OpenCaseAsync(Intake("shiqiao", ThirdId, "13800138007"));

        using var bureau = await _app.LoginAsync("bureau.supervisor");
        var all = await StatisticsAsync(bureau, "");
        Assert.Equal(new Figures(Requests: 4, OnTime: 1, Late: 1, OpenPastLimit: 1, Served: 3, Window: 3, ForOtherPlaces: 3), Community(all, "dongmen"));
        Assert.Equal(new Figures(Requests: 1, OnTime: 1, Late: 0, OpenPastLimit: 0, Served: 2, Window: 1, ForOtherPlaces: 1), Community(all, "xijie"));
        Assert.Equal(new Figures(Requests: 0, OnTime: 0, Late: 0, OpenPastLimit: 0, Served: 1, Window: 1, ForOtherPlaces: 0), Community(all, "nanhu"));
        Assert.Equal(new Figures(0, 0, 0, 0, 0, 0, 0), Community(all, "beiyuan"));
        Assert.Equal((3, 3), Township(all, "hexi"));
        Assert.Equal((2, 1), Township(all, "shiqiao"));
        Assert.Equal((0, 0), Township(all, "liulin"));

        // Wednesday morning, nothing new: the request of Tuesday is now past its limit too.
        _clock.Set(ManualClock.Shanghai(2026, 11, 25, 9));
        Assert.Equal(2, Community(await StatisticsAsync(bureau, ""), "dongmen").OpenPastLimit);

        // From Tuesday on: Monday's requests and the call-back made on Monday are out of the period; the late call-back
        // of Tuesday is the resident of Tuesday's cases.
        var fromTuesday = await StatisticsAsync(bureau, "?from=" + Uri.EscapeDataString(ManualClock.Shanghai(2026, 11, 24, 0).ToString("O")));
        Assert.Equal(new Figures(Requests: 1, OnTime: 0, Late: 0, OpenPastLimit: 1, Served: 2, Window: 3, ForOtherPlaces: 3), Community(fromTuesday, "dongmen"));
        Assert.Equal(new Figures(Requests: 0, OnTime: 0, Late: 0, OpenPastLimit: 0, Served: 1, Window: 1, ForOtherPlaces: 1), Community(fromTuesday, "xijie"));

        // The dashboard shows the same figures, counts only: no name, phone or ID number.
        var pages = await PageSession.LoginAsync(_app, "bureau.supervisor");
        var html = await pages.GetAsync("/bureau");
        Assert.Equal(4, PageSession.Cell(html, "service", "dongmen", "requests"));
        Assert.Equal(1, PageSession.Cell(html, "service", "dongmen", "on-time"));
        Assert.Equal(1, PageSession.Cell(html, "service", "dongmen", "late"));
        Assert.Equal(2, PageSession.Cell(html, "service", "dongmen", "open-past-limit"));
        Assert.Equal(3, PageSession.Cell(html, "service", "dongmen", "served"));
        Assert.Equal(2, PageSession.Cell(html, "service", "xijie", "served"));
        Assert.Equal(3, PageSession.Cell(html, "for-us", "hexi", "elsewhere"));
        Assert.Equal(1, PageSession.Cell(html, "for-us", "shiqiao", "elsewhere"));
        Assert.Equal(2, PageSession.Cell(html, "for-us", "shiqiao", "cases"));
        Assert.Contains("服务群众（人）", html, StringComparison.Ordinal);
        Assert.Contains("他点代本点收件", html, StringComparison.Ordinal);
        foreach (var personal in new[] { ValidIdNumber, SecondId, ThirdId, ValidPhone, "13800138001", "李大爷" }) Assert.DoesNotContain(personal, html, StringComparison.Ordinal);

        // Only the bureau.
        Assert.Equal(HttpStatusCode.Forbidden, (await dongmen.Http.GetAsync("/api/bureau/statistics")).StatusCode);
    }

    private sealed record Figures(int Requests, int OnTime, int Late, int OpenPastLimit, int Served, int Window, int ForOtherPlaces);

    private static Figures Community(JsonObject stats, string id)
    {
        var row = stats["byCommunity"]!.AsArray().Single(r => r!["communityId"]!.GetValue<string>() == id)!;
        int Of(string name) => row[name]!.GetValue<int>();
        return new Figures(Of("requests"), Of("callBacksOnTime"), Of("callBacksLate"), Of("callBacksOpenPastLimit"), Of("residentsServed"), Of("window"), Of("forOtherPlaces"));
    }

    private static (int Cases, int TakenInElsewhere) Township(JsonObject stats, string id)
    {
        var row = stats["byJurisdiction"]!.AsArray().Single(r => r!["jurisdictionId"]!.GetValue<string>() == id)!;
        return (row["cases"]!.GetValue<int>(), row["takenInElsewhere"]!.GetValue<int>());
    }

    private static async Task<JsonObject> StatisticsAsync(StaffClient bureau, string query)
    {
        var response = await bureau.Http.GetAsync("/api/bureau/statistics" + query);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    private async Task<Guid> SubmitAsync(HttpClient resident, string community, string phone)
    {
        var response = await resident.PostAsJsonAsync("/api/public/requests", new
        {
            itemCode = "QS-MZ-001", name = "李大爷", phone, preferredTime = "工作日上午", communityId = community, consent = true,
        });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        var reference = JsonNode.Parse(text)!["reference"]!.GetValue<string>();
        return await IdOfRequestAsync(reference);
    }

    private async Task<Guid> IdOfRequestAsync(string reference)
    {
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        return await db.ServiceRequests.Where(r => r.Reference == reference).Select(r => r.Id).SingleAsync();
    }

    private static async Task CallBackAsync(StaffClient staff, Guid requestId, string outcome)
    {
        var response = await staff.Http.PostAsJsonAsync($"/api/requests/{requestId}/call-back", new { outcome });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static object Intake(string township, string idNumber, string phone, string itemCode = "QS-MZ-001") => new
    {
        itemCode,
        mode = "ProxyIntake",
        applicant = new { name = "李大爷", idNumber, phone },
        registrationTownshipId = township,
        materials = new[] { "ID", "HUKOU", "FORM" },
    };
}
