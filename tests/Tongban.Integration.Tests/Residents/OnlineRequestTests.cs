using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tongban.Integration.Tests.Infrastructure;
using Tongban.Testing;
using Tongban.Workflows.Runtime.Organisation;
using Tongban.Workflows.Runtime.Persistence;
using Tongban.Workflows.Runtime.Requests;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.Residents;

/// <summary>
/// The online request with call-back, on the embedded system (SQLite file): a resident asks without an account,
/// the community's staff calls back and becomes the first-contact person, the grid worker of the resident's grid
/// (A, or B while A is away) collects the materials at home, and the window opens the case with channel Online.
/// Each refusal — other community 403, bad input 400 naming the field, a second call-back or collection 409 — writes
/// nothing.
/// </summary>
public sealed class OnlineRequestTests : IAsyncDisposable
{
    private readonly ManualClock _clock = new();
    private readonly EmbeddedApp _app;

    public OnlineRequestTests() => _app = new EmbeddedApp { Clock = _clock };

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static object RequestBody(string grid = "dongmen-g01", string community = "dongmen", bool? consent = true, string phone = ValidPhone, string? address = "东门街道幸福路12号3单元401") => new
    {
        itemCode = "QS-MZ-001", name = "李大爷", phone, preferredTime = "工作日上午", address, communityId = community, gridId = grid, consent,
    };

    private async Task<T> DbAsync<T>(Func<TongbanDbContext, Task<T>> read)
    {
        using var scope = _app.Services.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<TongbanDbContext>());
    }

    private Task<int> RequestCountAsync() => DbAsync(db => db.ServiceRequests.CountAsync());

    private async Task<Guid> SubmitAsync(HttpClient resident, object body)
    {
        var response = await resident.PostAsJsonAsync("/api/public/requests", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        var reference = JsonNode.Parse(text)!["reference"]!.GetValue<string>();
        return await DbAsync(db => db.ServiceRequests.Where(r => r.Reference == reference).Select(r => r.Id).SingleAsync());
    }

    private static async Task<List<string>> ErrorFieldsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return [.. (await ProblemAsync(response))["errors"]!.AsObject().Select(e => e.Key)];
    }

    [Fact]
    public async Task Request_call_back_collection_at_home_and_intake_with_the_call_back_person_and_grid_worker_on_record()
    {
        using var resident = _app.CreateClient();

        // The resident: an answer with a reference and the call-back limit, nothing personal.
        var response = await resident.PostAsJsonAsync("/api/public/requests", RequestBody());
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var answer = JsonNode.Parse(text)!.AsObject();
        Assert.Matches("^WS\\d{8}-[2-9A-Z]{6}$", answer["reference"]!.GetValue<string>());
        Assert.Equal("东门社区", answer["communityName"]!.GetValue<string>());
        Assert.True(answer["callBackBy"]!.GetValue<DateTimeOffset>() > _clock.GetUtcNow());
        Assert.DoesNotContain("李", text, StringComparison.Ordinal);
        Assert.DoesNotContain("8000", text, StringComparison.Ordinal);
        Assert.DoesNotContain("幸福路", text, StringComparison.Ordinal);
        var requestId = await DbAsync(db => db.ServiceRequests.Select(r => r.Id).SingleAsync());

        // The community's list: masked, not overdue yet; overdue once the limit has passed.
        using var clerk = await _app.LoginAsync("dongmen.clerk");
        using var specialist = await _app.LoginAsync("dongmen.specialist");
        var list = await clerk.Http.GetStringAsync("/api/requests");
        Assert.Contains("138****8000", list, StringComparison.Ordinal);
        Assert.DoesNotContain(ValidPhone, list, StringComparison.Ordinal);
        Assert.DoesNotContain("幸福路12号", list, StringComparison.Ordinal);
        Assert.False(JsonNode.Parse(list)![0]!["callBackOverdue"]!.GetValue<bool>());
        _clock.Advance(TimeSpan.FromDays(4));
        Assert.True(JsonNode.Parse(await clerk.Http.GetStringAsync("/api/requests"))![0]!["callBackOverdue"]!.GetValue<bool>());

        // Another community's staff: 403 on everything, nothing written but the audit of the refused view.
        using var other = await _app.LoginAsync("xijie.clerk");
        Assert.Equal(HttpStatusCode.Forbidden, (await other.Http.GetAsync($"/api/requests/{requestId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.Http.PostAsJsonAsync($"/api/requests/{requestId}/call-back", new { outcome = "ListTold" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.Http.PostAsJsonAsync($"/api/requests/{requestId}/personal-data", new { reason = "回访群众" })).StatusCode);
        Assert.DoesNotContain("李大爷", await other.Http.GetStringAsync("/api/requests"), StringComparison.Ordinal);

        // The full contact: a reason, and an audit record for each view.
        Assert.Equal(["reason"], await ErrorFieldsAsync(await specialist.Http.PostAsJsonAsync($"/api/requests/{requestId}/personal-data", new { reason = "" })));
        var contact = await (await specialist.Http.PostAsJsonAsync($"/api/requests/{requestId}/personal-data", new { reason = "回访群众网上申请" })).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(ValidPhone, contact!["phone"]!.GetValue<string>());
        var audited = await DbAsync(db => db.AuditRecords.Where(a => a.Subject == $"service-request:{requestId}").Select(a => new { a.ActorId, a.Outcome }).ToListAsync());
        Assert.Contains(audited, a => a.ActorId == "dongmen.specialist" && a.Outcome == "ok");
        Assert.Contains(audited, a => a.ActorId == "xijie.clerk" && a.Outcome == "denied");

        // The call-back: bad input 400 naming the field, nothing written.
        var appointment = _clock.GetUtcNow().AddDays(1);
        Assert.Equal(["outcome"], await ErrorFieldsAsync(await specialist.Http.PostAsJsonAsync($"/api/requests/{requestId}/call-back", new { outcome = "Maybe" })));
        Assert.Equal(["appointmentAt"], await ErrorFieldsAsync(await specialist.Http.PostAsJsonAsync($"/api/requests/{requestId}/call-back", new { outcome = "NeedsCollection" })));
        Assert.Equal(["appointmentAt"], await ErrorFieldsAsync(await specialist.Http.PostAsJsonAsync($"/api/requests/{requestId}/call-back", new { outcome = "NeedsCollection", appointmentAt = _clock.GetUtcNow().AddHours(-1) })));
        Assert.Equal(["gridId"], await ErrorFieldsAsync(await specialist.Http.PostAsJsonAsync($"/api/requests/{requestId}/call-back", new { outcome = "NeedsCollection", appointmentAt = appointment, gridId = "xijie-g01" })));
        Assert.Equal(0, await DbAsync(db => db.CollectionTasks.CountAsync()));
        Assert.Equal(0, await DbAsync(db => db.Consultations.CountAsync()));

        var recorded = await specialist.Http.PostAsJsonAsync($"/api/requests/{requestId}/call-back", new { outcome = "NeedsCollection", appointmentAt = appointment, note = "已电话告知材料，约明天上门" });
        var callBack = JsonNode.Parse(await recorded.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        Assert.Equal("dongmen.grid1", callBack["collectionAssignedTo"]!.GetValue<string>());
        Assert.Equal("AwaitingCollection", callBack["request"]!["state"]!.GetValue<string>());
        // Called back once: the second is 409, and the clerk's attempt too.
        Assert.Equal(HttpStatusCode.Conflict, (await clerk.Http.PostAsJsonAsync($"/api/requests/{requestId}/call-back", new { outcome = "Answered" })).StatusCode);
        Assert.Equal(1, await DbAsync(db => db.Consultations.CountAsync()));

        // The grid worker: another grid's may not record; bad codes 400 naming the element; then once only.
        using var gridWorker = await _app.LoginAsync("dongmen.grid1");
        using var otherGrid = await _app.LoginAsync("dongmen.grid2");
        var tasks = JsonNode.Parse(await gridWorker.Http.GetStringAsync("/api/collections"))!.AsArray();
        var task = Assert.Single(tasks)!;
        var taskId = task["id"]!.GetValue<Guid>();
        Assert.Equal("138****8000", task["phoneMasked"]!.GetValue<string>());
        Assert.Empty(JsonNode.Parse(await otherGrid.Http.GetStringAsync("/api/collections"))!.AsArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await otherGrid.Http.PostAsJsonAsync($"/api/collections/{taskId}/collected", new { materials = new[] { "ID" } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.Http.GetAsync("/api/collections")).StatusCode);
        Assert.Equal(["materials[1]"], await ErrorFieldsAsync(await gridWorker.Http.PostAsJsonAsync($"/api/collections/{taskId}/collected", new { materials = new[] { "ID", "NOT_A_MATERIAL" } })));
        Assert.Equal(["materials"], await ErrorFieldsAsync(await gridWorker.Http.PostAsJsonAsync($"/api/collections/{taskId}/collected", new { materials = Array.Empty<string>() })));
        Assert.Equal(HttpStatusCode.OK, (await gridWorker.Http.PostAsJsonAsync($"/api/collections/{taskId}/collected", new { materials = new[] { "ID", "HUKOU", "FORM" } })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await gridWorker.Http.PostAsJsonAsync($"/api/collections/{taskId}/collected", new { materials = new[] { "ID" } })).StatusCode);

        // The window opens the case from the request: another community's window 403, nothing opened.
        object Intake(string? channel = null) => new
        {
            itemCode = "QS-MZ-001", mode = "ProxyIntake", applicant = new { name = "李大爷", idNumber = ValidIdNumber, phone = ValidPhone },
            registrationTownshipId = "hexi", materials = new[] { "ID", "HUKOU", "FORM" }, requestId, channel,
        };
        Assert.Equal(HttpStatusCode.Forbidden, (await other.Http.PostAsJsonAsync("/api/cases", Intake())).StatusCode);
        Assert.Equal(["channel"], await ErrorFieldsAsync(await clerk.Http.PostAsJsonAsync("/api/cases", Intake("Window"))));
        Assert.Equal(0, await DbAsync(db => db.Cases.CountAsync()));

        var opened = await clerk.OpenCaseAsync(Intake());
        Assert.Equal("Online", opened["channel"]!.GetValue<string>());
        // 首问负责: the staff member who called back, not the clerk who typed the intake.
        Assert.Equal("dongmen.specialist", opened["firstContactStaffId"]!.GetValue<string>());
        var caseId = IdOf(opened);
        var row = await DbAsync(db => db.ServiceRequests.AsNoTracking().SingleAsync(r => r.Id == requestId));
        Assert.Equal(ServiceRequestState.CaseOpened, row.State);
        Assert.Equal(caseId, row.CaseId);
        var collected = await DbAsync(db => db.CollectionTasks.AsNoTracking().SingleAsync(t => t.RequestId == requestId));
        Assert.Equal("dongmen.grid1", collected.CollectedBy);
        var view = JsonNode.Parse(await clerk.Http.GetStringAsync($"/api/requests/{requestId}"))!;
        Assert.Equal(caseId, view["caseId"]!.GetValue<Guid>());
        Assert.Equal("dongmen.specialist", view["callBackBy"]!.GetValue<string>());
        Assert.Equal("dongmen.grid1", view["collection"]!["collectedBy"]!.GetValue<string>());

        // A second case from the same request: 409, nothing opened.
        Assert.Equal(HttpStatusCode.Conflict, (await clerk.Http.PostAsJsonAsync("/api/cases", Intake())).StatusCode);
        Assert.Equal(1, await DbAsync(db => db.Cases.CountAsync()));
    }

    [Fact]
    public async Task The_collection_goes_to_the_B_holder_when_A_is_away_on_the_appointment_day()
    {
        using var resident = _app.CreateClient();
        var requestId = await SubmitAsync(resident, RequestBody(grid: "dongmen-g02"));
        var appointment = _clock.GetUtcNow().AddDays(2);
        var day = DateOnly.FromDateTime(appointment.ToOffset(TimeSpan.FromHours(8)).DateTime);
        await DbAsync(async db =>
        {
            db.PostAbsences.Add(new PostAbsence { Id = Guid.NewGuid(), PostId = "dongmen-grid2", StaffId = "dongmen.grid2", From = day, To = day, RegisteredBy = "dongmen.head", RegisteredAt = _clock.GetUtcNow() });
            return await db.SaveChangesAsync();
        });

        using var clerk = await _app.LoginAsync("dongmen.clerk");
        var recorded = await clerk.Http.PostAsJsonAsync($"/api/requests/{requestId}/call-back", new { outcome = "NeedsCollection", appointmentAt = appointment });
        var body = JsonNode.Parse(await recorded.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        Assert.Equal("dongmen.grid2b", body["collectionAssignedTo"]!.GetValue<string>());

        // B sees and records it (B holds the post only for escalated work today, but the task was given to B).
        using var backup = await _app.LoginAsync("dongmen.grid2b");
        var task = Assert.Single(JsonNode.Parse(await backup.Http.GetStringAsync("/api/collections"))!.AsArray())!;
        Assert.True(task["mayRecord"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.OK, (await backup.Http.PostAsJsonAsync($"/api/collections/{task["id"]}/collected", new { materials = new[] { "ID" } })).StatusCode);
    }

    [Fact]
    public async Task Bad_public_input_is_400_naming_the_field_and_writes_nothing_and_an_address_is_limited()
    {
        using var resident = _app.CreateClient();
        Assert.Equal(["consent"], await ErrorFieldsAsync(await resident.PostAsJsonAsync("/api/public/requests", RequestBody(consent: null))));
        Assert.Equal(["gridId"], await ErrorFieldsAsync(await resident.PostAsJsonAsync("/api/public/requests", RequestBody(grid: "xijie-g01"))));
        Assert.Equal(["phone"], await ErrorFieldsAsync(await resident.PostAsJsonAsync("/api/public/requests", RequestBody(phone: "12345"))));
        Assert.Equal(["communityId"], await ErrorFieldsAsync(await resident.PostAsJsonAsync("/api/public/requests", RequestBody(community: "hexi", grid: ""))));
        Assert.Equal(["address"], await ErrorFieldsAsync(await resident.PostAsJsonAsync("/api/public/requests", RequestBody(address: new string('路', 101)))));
        Assert.Equal(0, await RequestCountAsync());

        // The answered "call back" for a request without an address needs one for a collection.
        var requestId = await SubmitAsync(resident, RequestBody(address: null));
        using var clerk = await _app.LoginAsync("dongmen.clerk");
        Assert.Equal(["address"], await ErrorFieldsAsync(await clerk.Http.PostAsJsonAsync($"/api/requests/{requestId}/call-back", new { outcome = "NeedsCollection", appointmentAt = _clock.GetUtcNow().AddDays(1) })));
        Assert.Equal(HttpStatusCode.OK, (await clerk.Http.PostAsJsonAsync($"/api/requests/{requestId}/call-back", new { outcome = "Answered" })).StatusCode);

        // Five an hour from one address (the default); the sixth is 429, written nothing.
        for (var i = 0; i < 4; i++) await SubmitAsync(resident, RequestBody());
        var limited = await resident.PostAsJsonAsync("/api/public/requests", RequestBody());
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal(5, await RequestCountAsync());
        _clock.Advance(TimeSpan.FromMinutes(61));
        await SubmitAsync(resident, RequestBody());
    }

    [Fact]
    public async Task Parallel_call_backs_and_intakes_of_one_request_leave_one_each_and_409_for_the_rest()
    {
        using var resident = _app.CreateClient();
        var requestId = await SubmitAsync(resident, RequestBody());
        using var clerk = await _app.LoginAsync("dongmen.clerk");
        using var specialist = await _app.LoginAsync("dongmen.specialist");

        var callBacks = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            (i % 2 == 0 ? clerk : specialist).Http.PostAsJsonAsync($"/api/requests/{requestId}/call-back", new { outcome = "ListTold" })));
        Assert.Single(callBacks, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(callBacks.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(1, await DbAsync(db => db.Consultations.CountAsync()));

        var body = new
        {
            itemCode = "QS-MZ-001", mode = "ProxyIntake", applicant = new { name = "李大爷", idNumber = ValidIdNumber, phone = ValidPhone },
            registrationTownshipId = "hexi", materials = new[] { "ID", "HUKOU", "FORM" }, requestId,
        };
        var intakes = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => clerk.Http.PostAsJsonAsync("/api/cases", body)));
        Assert.Single(intakes, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(intakes.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(1, await DbAsync(db => db.Cases.CountAsync()));
        var row = await DbAsync(db => db.ServiceRequests.AsNoTracking().SingleAsync(r => r.Id == requestId));
        Assert.Equal(await DbAsync(db => db.Cases.Select(c => c.Id).SingleAsync()), row.CaseId);
    }
}
