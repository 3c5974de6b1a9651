using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tongban.Integration.Tests.Infrastructure;
using Tongban.Testing;
using Tongban.Workflows.Runtime.Persistence;
using Tongban.Workflows.Runtime.Residents;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.Residents;

/// <summary>
/// 预约上门 on SQLite through the real gateway: the community's unit head publishes working days, residents book on
/// the public API (consent required, capacity holds when many book the last places at once), staff of another
/// community are refused, and the visit ends in an intake with channel DoorToDoor that the bureau counts.
/// </summary>
public sealed class VisitTests : IAsyncDisposable
{
    // Monday 23 November 2026, 10:00 in the county: the next working days are 24, 25, 26 … November.
    private readonly ManualClock _clock = new(ManualClock.Shanghai(2026, 11, 23, 10));
    private readonly EmbeddedApp _app;

    public VisitTests()
    {
        _app = new EmbeddedApp { Clock = _clock };
        _app.Settings["Residents:Visits:PerAddressPerHour"] = "1000";
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static object Booking(string day, string phone = "13800138001", string name = "王奶奶", bool? consent = true, string community = "dongmen") => new
    {
        communityId = community, name, phone, address = "东门社区幸福路12号3单元201", reason = "办理高龄津贴，老人行动不便", day, consent,
    };

    private async Task<StaffClient> PublishAsync(string from, string to, int capacity)
    {
        var head = await _app.LoginAsync("dongmen.head");
        var response = await head.Http.PutAsJsonAsync("/api/visits/slots", new { communityId = "dongmen", from, to, capacity });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return head;
    }

    [Fact]
    public async Task The_unit_head_or_administrator_publishes_working_days_only_and_nobody_else_may()
    {
        var head = await PublishAsync("2026-11-27", "2026-11-30", 3);
        var answer = await (await head.Http.PutAsJsonAsync("/api/visits/slots", new { communityId = "dongmen", from = "2026-11-27", to = "2026-11-30", capacity = 2 })).Content.ReadFromJsonAsync<JsonObject>();
        // Friday and Monday; the weekend between is skipped.
        Assert.Equal(["2026-11-27", "2026-11-30"], answer!["days"]!.AsArray().Select(d => d!["day"]!.GetValue<string>()));
        Assert.Equal(2, answer["skippedDays"]!.GetValue<int>());

        var admin = await _app.LoginAsync("county.admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.PutAsJsonAsync("/api/visits/slots", new { communityId = "dongmen", from = "2026-12-01", to = "2026-12-01", capacity = 1 })).StatusCode);
        foreach (var outsider in new[] { "dongmen.clerk", "xijie.head", "bureau.supervisor" })
        {
            var who = await _app.LoginAsync(outsider);
            Assert.Equal(HttpStatusCode.Forbidden, (await who.Http.PutAsJsonAsync("/api/visits/slots", new { communityId = "dongmen", from = "2026-12-02", to = "2026-12-02", capacity = 9 })).StatusCode);
        }

        using var resident = _app.CreateClient();
        var days = await resident.GetFromJsonAsync<JsonArray>("/api/public/visit-days?community=dongmen");
        Assert.Equal(["2026-11-27", "2026-11-30", "2026-12-01"], days!.Select(d => d!["day"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_resident_books_without_login_consent_is_required_and_only_published_days_can_be_booked()
    {
        await PublishAsync("2026-11-24", "2026-11-24", 2);
        using var resident = _app.CreateClient();

        var noConsent = await resident.PostAsJsonAsync("/api/public/visits", Booking("2026-11-24", consent: false));
        Assert.Equal(HttpStatusCode.BadRequest, noConsent.StatusCode);
        Assert.NotNull((await ProblemAsync(noConsent))["errors"]!["consent"]);
        var unpublished = await resident.PostAsJsonAsync("/api/public/visits", Booking("2026-11-25"));
        Assert.Equal(HttpStatusCode.BadRequest, unpublished.StatusCode);
        Assert.NotNull((await ProblemAsync(unpublished))["errors"]!["day"]);
        var today = await resident.PostAsJsonAsync("/api/public/visits", Booking("2026-11-23"));
        Assert.NotNull((await ProblemAsync(today))["errors"]!["day"]);

        var booked = await resident.PostAsJsonAsync("/api/public/visits", Booking("2026-11-24"));
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var body = await booked.Content.ReadAsStringAsync();
        Assert.DoesNotContain("王奶奶", body, StringComparison.Ordinal);
        Assert.DoesNotContain("13800138001", body, StringComparison.Ordinal);
        // The same phone again on that day: 409, not a second visit.
        Assert.Equal(HttpStatusCode.Conflict, (await resident.PostAsJsonAsync("/api/public/visits", Booking("2026-11-24"))).StatusCode);

        var days = await resident.GetFromJsonAsync<JsonArray>("/api/public/visit-days?community=dongmen");
        Assert.Equal(1, Assert.Single(days!)!["left"]!.GetValue<int>());

        // The community's staff see it masked; staff of another community and the bureau do not see it at all.
        var clerk = await _app.LoginAsync("dongmen.clerk");
        var list = await clerk.Http.GetStringAsync("/api/visits");
        Assert.Contains("王**", list, StringComparison.Ordinal);
        Assert.DoesNotContain("13800138001", list, StringComparison.Ordinal);
        Assert.DoesNotContain("幸福路12号", list, StringComparison.Ordinal);
        foreach (var outsider in new[] { "hexi.backoffice", "bureau.supervisor" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await (await _app.LoginAsync(outsider)).Http.GetAsync("/api/visits")).StatusCode);
        }

        var xijie = await _app.LoginAsync("xijie.clerk");
        Assert.Equal(HttpStatusCode.Forbidden, (await xijie.Http.GetAsync("/api/visits?community=dongmen")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await xijie.Http.PostAsJsonAsync("/api/visits", Booking("2026-11-24", phone: "13800138009"))).StatusCode);
    }

    [Fact]
    public Task Two_bookings_for_the_last_place_one_wins_the_other_is_409_and_capacity_holds_under_a_burst() => LastPlacesAsync(_app);

    [Fact]
    public async Task The_last_places_hold_under_a_burst_on_postgres()
    {
        var database = await TestDatabase.CreateAsync("Postgres", "visits");
        var app = new EmbeddedApp { Clock = new ManualClock(ManualClock.Shanghai(2026, 11, 23, 10)) };
        foreach (var (key, value) in database.Settings) app.Settings[key] = value;
        app.Settings["Residents:Visits:PerAddressPerHour"] = "1000";
        try
        {
            await LastPlacesAsync(app);
        }
        finally
        {
            await app.DisposeAsync();
            await database.DisposeAsync();
        }
    }

    private static async Task LastPlacesAsync(EmbeddedApp app)
    {
        var head = await app.LoginAsync("dongmen.head");
        Assert.Equal(HttpStatusCode.OK, (await head.Http.PutAsJsonAsync("/api/visits/slots", new { communityId = "dongmen", from = "2026-11-24", to = "2026-11-25", capacity = 1 })).StatusCode);
        using var a = app.CreateClient();
        using var b = app.CreateClient();
        var pair = await Task.WhenAll(
            a.PostAsJsonAsync("/api/public/visits", Booking("2026-11-24", phone: "13800138011")),
            b.PostAsJsonAsync("/api/public/visits", Booking("2026-11-24", phone: "13800138012")));
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], pair.Select(r => r.StatusCode).Order());
        Assert.Contains("约满", (await ProblemAsync(pair.Single(r => r.StatusCode == HttpStatusCode.Conflict)))["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        // A burst: twelve at once for three places.
        await head.Http.PutAsJsonAsync("/api/visits/slots", new { communityId = "dongmen", from = "2026-11-25", to = "2026-11-25", capacity = 3 });
        var clients = Enumerable.Range(0, 12).Select(_ => app.CreateClient()).ToList();
        var burst = await Task.WhenAll(clients.Select((c, i) => c.PostAsJsonAsync("/api/public/visits", Booking("2026-11-25", phone: $"139001380{i:D2}"))));
        Assert.Equal(3, burst.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(9, burst.Count(r => r.StatusCode == HttpStatusCode.Conflict));

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        var slots = await db.VisitSlots.AsNoTracking().Where(s => s.CommunityId == "dongmen").OrderBy(s => s.Day).ToListAsync();
        Assert.Equal([(1, 1), (3, 3)], slots.Select(s => (s.Capacity, s.Booked)));
        Assert.Equal(1, await db.Visits.CountAsync(v => v.Day == new DateOnly(2026, 11, 24)));
        Assert.Equal(3, await db.Visits.CountAsync(v => v.Day == new DateOnly(2026, 11, 25)));
        foreach (var c in clients) c.Dispose();
    }

    [Fact]
    public async Task A_visit_ends_in_a_door_to_door_intake_with_its_authorisation_once_and_the_bureau_counts_it()
    {
        await PublishAsync("2026-11-24", "2026-11-24", 2);
        var clerk = await _app.LoginAsync("dongmen.clerk");
        // Taken on the phone by the community's clerk, with the resident's grid.
        var booked = await clerk.Http.PostAsJsonAsync("/api/visits", new
        {
            communityId = "dongmen", name = "王奶奶", phone = "13800138001", address = "东门社区幸福路12号", reason = "高龄津贴", day = "2026-11-24", consent = true, gridCode = "dongmen-03",
        });
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var visitId = (await booked.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.NoContent, (await clerk.Http.PostAsync($"/api/visits/{visitId}/take", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await (await _app.LoginAsync("dongmen.clerk2")).Http.PostAsync($"/api/visits/{visitId}/take", null)).StatusCode);

        // The full contact for the round, audited.
        var contact = await clerk.Http.GetFromJsonAsync<JsonObject>($"/api/visits/{visitId}");
        Assert.Equal("13800138001", contact!["phone"]!.GetValue<string>());

        var intake = new
        {
            itemCode = "QS-MZ-001", mode = "ProxyIntake", applicant = new { name = "王奶奶", idNumber = ValidIdNumber, phone = "13800138001" },
            registrationTownshipId = "hexi", materials = new[] { "ID", "HUKOU", "FORM" }, channel = "DoorToDoor",
            authorisation = new { agent = "dongmen.clerk 王丽", scope = "代为申请高龄津贴", signedOn = "2026-11-23" }, visitId,
        };
        var asWindow = await clerk.Http.PostAsJsonAsync("/api/cases", new
        {
            itemCode = "QS-MZ-001", mode = "ProxyIntake", applicant = new { name = "王奶奶", idNumber = ValidIdNumber, phone = "13800138001" },
            registrationTownshipId = "hexi", materials = new[] { "ID", "HUKOU", "FORM" }, visitId,
        });
        Assert.Equal(HttpStatusCode.BadRequest, asWindow.StatusCode);
        Assert.NotNull((await ProblemAsync(asWindow))["errors"]!["visitId"]);

        var opened = await clerk.OpenCaseAsync(intake);
        var caseId = IdOf(opened);
        Assert.Equal("DoorToDoor", opened["channel"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await clerk.Http.PostAsJsonAsync("/api/cases", intake)).StatusCode);

        using (var scope = _app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
            var visit = await db.Visits.AsNoTracking().SingleAsync(v => v.Id == visitId);
            Assert.Equal((VisitStatus.Done, caseId, "dongmen.clerk", "dongmen-03"), (visit.Status, visit.CaseId, visit.VisitorStaffId, visit.GridCode));
            var authorisation = await db.CaseAuthorisations.AsNoTracking().SingleAsync(a => a.CaseId == caseId);
            Assert.Equal("代为申请高龄津贴", authorisation.Scope);
            Assert.Single(await db.Cases.AsNoTracking().Where(c => c.ApplicantIdNumber == ValidIdNumber).ToListAsync());
            var view = await db.AuditRecords.AsNoTracking().SingleAsync(r => r.Action == "visit.view");
            Assert.Equal(("dongmen.clerk", "ok"), (view.ActorId, view.Outcome));
        }

        var bureau = await _app.LoginAsync("bureau.supervisor");
        var stats = await bureau.Http.GetFromJsonAsync<JsonObject>("/api/bureau/statistics");
        var dongmen = stats!["byCommunity"]!.AsArray().Single(r => r!["communityId"]!.GetValue<string>() == "dongmen")!;
        Assert.Equal((1, 0, 1, 1), (dongmen["doorToDoor"]!.GetValue<int>(), dongmen["window"]!.GetValue<int>(), dongmen["forOtherPlaces"]!.GetValue<int>(), dongmen["visitsMade"]!.GetValue<int>()));
        var xijie = stats["byCommunity"]!.AsArray().Single(r => r!["communityId"]!.GetValue<string>() == "xijie")!;
        Assert.Equal(0, xijie["visitsMade"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_cancelled_visit_gives_its_place_back_once()
    {
        await PublishAsync("2026-11-24", "2026-11-24", 1);
        using var resident = _app.CreateClient();
        var booked = await resident.PostAsJsonAsync("/api/public/visits", Booking("2026-11-24"));
        var visitId = (await booked.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.Conflict, (await resident.PostAsJsonAsync("/api/public/visits", Booking("2026-11-24", phone: "13800138002"))).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await (await _app.LoginAsync("xijie.clerk")).Http.PostAsync($"/api/visits/{visitId}/cancel", null)).StatusCode);
        var clerk = await _app.LoginAsync("dongmen.clerk");
        Assert.Equal(HttpStatusCode.NoContent, (await clerk.Http.PostAsync($"/api/visits/{visitId}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await clerk.Http.PostAsync($"/api/visits/{visitId}/cancel", null)).StatusCode);

        var days = await resident.GetFromJsonAsync<JsonArray>("/api/public/visit-days?community=dongmen");
        Assert.Equal(1, Assert.Single(days!)!["left"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Created, (await resident.PostAsJsonAsync("/api/public/visits", Booking("2026-11-24", phone: "13800138002"))).StatusCode);
    }
}
