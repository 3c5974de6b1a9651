using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tongban.Integration.Tests.Infrastructure;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.TimeLimits;

/// <summary>Case clocks through the API: deadlines, remaining working days, colours, stopped clocks, extensions.</summary>
public sealed class CaseClockApiTests : IAsyncLifetime
{
    // Monday 2026-11-23, 09:00 in the county.
    private readonly ManualClock _clock = new(ManualClock.Shanghai(2026, 11, 23));
    private readonly EmbeddedApp _app;

    public CaseClockApiTests() => _app = new EmbeddedApp { Clock = _clock };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_case_view_shows_overall_and_stage_deadlines_remaining_days_colour_and_provisional_flag()
    {
        var clerk = await _app.LoginAsync("dongmen.clerk");
        var specialist = await _app.LoginAsync("dongmen.specialist");
        var id = IdOf(await clerk.OpenCaseAsync());
        var atSpecialist = await specialist.WaitForStateAsync(id, "AtSpecialist");

        // 高龄津贴: 15 working days from Mon 2026-11-23; the start day does not count:
        // 24–27 Nov (4), 30 Nov–4 Dec (9), 7–11 Dec (14), Mon 14 Dec (15).
        var overall = atSpecialist["overallClock"]!;
        Assert.Equal(15, overall["limitWorkingDays"]!.GetValue<int>());
        Assert.Equal(ManualClock.Shanghai(2026, 12, 14, 23, 59).AddSeconds(59), overall["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(15, overall["remainingWorkingDays"]!.GetValue<int>());
        Assert.Equal("Green", overall["colour"]!.GetValue<string>());
        Assert.False(overall["provisional"]!.GetValue<bool>());

        // The specialist's review stage: 1 working day, due end of Tue 2026-11-24.
        var stage = atSpecialist["stageClock"]!;
        Assert.Equal("review", stage["scope"]!.GetValue<string>());
        Assert.Equal(ManualClock.Shanghai(2026, 11, 24, 23, 59).AddSeconds(59), stage["dueAt"]!.GetValue<DateTimeOffset>());

        // Yellow on its last day (one working day left), red after it.
        _clock.Set(ManualClock.Shanghai(2026, 11, 24, 10));
        Assert.Equal("Yellow", (await specialist.GetCaseAsync(id))["stageClock"]!["colour"]!.GetValue<string>());
        _clock.Set(ManualClock.Shanghai(2026, 11, 25, 10));
        var late = await specialist.GetCaseAsync(id);
        Assert.Equal("Red", late["stageClock"]!["colour"]!.GetValue<string>());
        Assert.Equal("Green", late["overallClock"]!["colour"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_deadline_reaching_into_a_year_without_a_schedule_is_provisional_until_the_schedule_is_loaded()
    {
        // Mon 2026-12-21: 15 working days reach into January 2027, whose schedule is not loaded (weekends only).
        _clock.Set(ManualClock.Shanghai(2026, 12, 21));
        var clerk = await _app.LoginAsync("dongmen.clerk");
        var id = IdOf(await clerk.OpenCaseAsync());
        var before = (await clerk.GetCaseAsync(id))["overallClock"]!;
        Assert.True(before["provisional"]!.GetValue<bool>());
        // Weekdays only: 22,23,24,25,28,29,30,31 Dec = 8; 1,4,5,6,7,8,11 Jan = 15 → Mon 2027-01-11.
        Assert.Equal(new DateTimeOffset(2027, 1, 11, 23, 59, 59, TimeSpan.FromHours(8)), before["dueAt"]!.GetValue<DateTimeOffset>());

        var calculator = await clerk.Http.GetFromJsonAsync<JsonObject>("/api/calendar/due-date?start=2026-12-21T09:00:00%2B08:00&workingDays=15");
        Assert.True(calculator!["provisional"]!.GetValue<bool>());

        // The 2027 schedule arrives (a test schedule: 1–3 Jan off).
        var admin = await _app.LoginAsync("county.admin");
        var schedule = """{"year":2027,"holidays":[{"name":"元旦","from":"2027-01-01","to":"2027-01-03"}],"makeUpWorkdays":[]}""";
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.Http.PutAsync("/api/calendars/2027", new StringContent(schedule, System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        var load = await admin.Http.PutAsync("/api/calendars/2027", new StringContent(schedule, System.Text.Encoding.UTF8, "application/json"));
        Assert.True(load.StatusCode == HttpStatusCode.OK, await load.Content.ReadAsStringAsync());
        Assert.Equal(1, (await load.Content.ReadFromJsonAsync<JsonObject>())!["recomputedCases"]!.GetValue<int>());

        // With Fri 1 Jan off: 8 in December; 4,5,6,7,8,11,12 Jan = 15 → Tue 2027-01-12, no longer provisional.
        var after = (await clerk.GetCaseAsync(id))["overallClock"]!;
        Assert.False(after["provisional"]!.GetValue<bool>());
        Assert.Equal(new DateTimeOffset(2027, 1, 12, 23, 59, 59, TimeSpan.FromHours(8)), after["dueAt"]!.GetValue<DateTimeOffset>());

        var wrongYear = await admin.Http.PutAsync("/api/calendars/2028", new StringContent(schedule, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, wrongYear.StatusCode);
    }

    [Fact]
    public async Task Correction_stops_the_clock_and_resubmission_resumes_it_with_the_days_still_owed()
    {
        var (clerk, township, id) = await CaseAtTownshipAsync("QS-MZ-001");
        // Mon 23 Nov: 15 days due Mon 14 Dec. Returned on Wed 25 Nov: owed = working days after 25 Nov up to 14 Dec:
        // 26–27 Nov (2), 30 Nov–4 Dec (7), 7–11 Dec (12), 14 Dec (13).
        _clock.Set(ManualClock.Shanghai(2026, 11, 25, 10));
        await township.DoAsync(id, "sign-for");
        var returned = await township.DoAsync(id, "return-for-correction", new { missing = new[] { new { code = "PHOTO", problem = "照片不清晰" } } });
        Assert.True(returned["overallClock"]!["stopped"]!.GetValue<bool>());
        Assert.Null(returned["overallClock"]!["dueAt"]);

        // The resident comes back on Wed 2 Dec: 13 working days from then: 3–4 Dec (2), 7–11 (7), 14–18 (12), Mon 21 Dec (13).
        _clock.Set(ManualClock.Shanghai(2026, 12, 2, 10));
        await clerk.WaitForStateAsync(id, "AwaitingCorrection");
        var resumed = await clerk.DoAsync(id, "resubmit", new { materials = new[] { "PHOTO" } });
        Assert.False(resumed["overallClock"]!["stopped"]!.GetValue<bool>());
        Assert.Equal(ManualClock.Shanghai(2026, 12, 21, 23, 59).AddSeconds(59), resumed["overallClock"]!["dueAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task An_item_that_restarts_on_correction_gets_its_full_period_again()
    {
        // 残疾人托养服务申请: 15 working days, restartOnCorrection = true in the catalogue.
        var (clerk, township, id) = await CaseAtTownshipAsync("QS-CL-001", ["ID", "HUKOU", "DISABILITY_CERT", "FORM"]);
        _clock.Set(ManualClock.Shanghai(2026, 11, 25, 10));
        await township.DoAsync(id, "sign-for");
        await township.DoAsync(id, "return-for-correction", new { missing = new[] { new { code = "INCOME_PROOF", problem = "缺少收入证明" } } });
        _clock.Set(ManualClock.Shanghai(2026, 12, 2, 10));
        await clerk.WaitForStateAsync(id, "AwaitingCorrection");
        var resumed = await clerk.DoAsync(id, "resubmit", new { materials = new[] { "INCOME_PROOF" } });
        // 15 working days from Wed 2 Dec → Wed 23 Dec.
        Assert.Equal(ManualClock.Shanghai(2026, 12, 23, 23, 59).AddSeconds(59), resumed["overallClock"]!["dueAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task A_special_procedure_stops_the_clock_and_the_applicant_side_is_told()
    {
        var (_, township, id) = await CaseAtTownshipAsync("QS-MZ-001");
        await township.DoAsync(id, "sign-for");
        await township.DoAsync(id, "accept");
        var missingReason = await township.ActAsync(id, "clock/stop", new { procedure = "Appraisal" });
        Assert.True((await ProblemAsync(missingReason))["errors"]!.AsObject().ContainsKey("reason"));

        var stopped = await township.DoAsync(id, "clock/stop", new { procedure = "Appraisal", reason = "需进行年龄鉴定" });
        Assert.True(stopped["overallClock"]!["stopped"]!.GetValue<bool>());
        Assert.Equal("鉴定", stopped["overallClock"]!["stopReason"]!.GetValue<string>());
        var clerk = await _app.LoginAsync("dongmen.clerk");
        Assert.Contains("中止计时", await clerk.Http.GetStringAsync("/api/notifications"), StringComparison.Ordinal);

        _clock.Set(ManualClock.Shanghai(2026, 11, 30, 10));
        var resumed = await township.DoAsync(id, "clock/resume");
        Assert.False(resumed["overallClock"]!["stopped"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Conflict, (await township.ActAsync(id, "clock/resume")).StatusCode);
    }

    [Fact]
    public async Task An_extension_approved_by_the_unit_head_moves_the_deadline_but_not_an_earlier_overdue_record()
    {
        var (_, township, id) = await CaseAtTownshipAsync("QS-MZ-001");
        await township.DoAsync(id, "sign-for");
        await township.DoAsync(id, "accept");

        // Past the overall deadline (Mon 14 Dec): the sweeper records the overdue and opens supervision.
        _clock.Set(ManualClock.Shanghai(2026, 12, 15, 10));
        await WaitUntilAsync(async () => (await township.GetCaseAsync(id))["overdueAt"] is not null);

        var requested = await township.DoAsync(id, "extensions", new { workingDays = 5, reason = "需补充调查" });
        var requestId = await PendingExtensionIdAsync(id);
        Assert.Equal(HttpStatusCode.Forbidden, (await township.ActAsync(id, $"extensions/{requestId}/decision", new { approve = true })).StatusCode);
        var head = await _app.LoginAsync("hexi.head");
        var approved = await head.DoAsync(id, $"extensions/{requestId}/decision", new { approve = true, note = "同意" });

        // 5 working days after Mon 14 Dec: 15, 16, 17, 18, 21 → Mon 21 Dec; still on record as overdue.
        Assert.Equal(ManualClock.Shanghai(2026, 12, 21, 23, 59).AddSeconds(59), approved["overallClock"]!["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(20, approved["overallClock"]!["limitWorkingDays"]!.GetValue<int>());
        Assert.NotNull(approved["overdueAt"]);
        Assert.Equal(requested["version"]!.GetValue<int>() + 1, approved["version"]!.GetValue<int>());
    }

    private async Task<Guid> PendingExtensionIdAsync(Guid caseId)
    {
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Tongban.Workflows.Runtime.Persistence.TongbanDbContext>();
        return db.ExtensionRequests.Single(e => e.CaseId == caseId).Id;
    }

    private async Task<(StaffClient Clerk, StaffClient Township, Guid Id)> CaseAtTownshipAsync(string item, string[]? materials = null)
    {
        var clerk = await _app.LoginAsync("dongmen.clerk");
        var specialist = await _app.LoginAsync("dongmen.specialist");
        var township = await _app.LoginAsync("hexi.backoffice");
        var id = IdOf(await clerk.OpenCaseAsync(IntakeBody(item, materials: materials)));
        await specialist.WaitForStateAsync(id, "AtSpecialist");
        await specialist.DoAsync(id, "forward");
        await township.WaitForStateAsync(id, "AwaitingSignFor");
        return (clerk, township, id);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met");
            await Task.Delay(100);
        }
    }
}
