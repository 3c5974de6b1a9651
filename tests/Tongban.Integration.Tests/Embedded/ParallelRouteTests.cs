using System.Net;
using System.Text.Json.Nodes;
using Tongban.Integration.Tests.Infrastructure;
using Tongban.Testing;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.Embedded;

/// <summary>
/// 并联办理 through the embedded system's API (SQLite, in-memory bus, the demo county): the township leads while a
/// county department gives its opinion on a task of its own, handed over the bus to its queue; the join waits for
/// both, a 公示 timer node waits its working days on the calendar, and a decision node sends the result back.
/// </summary>
public sealed class ParallelRouteTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new(ManualClock.Shanghai(2026, 11, 23));
    private readonly EmbeddedApp _app;

    public ParallelRouteTests() => _app = new EmbeddedApp { Clock = _clock };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static object Subsistence(string item = "QS-MZ-004", string[]? materials = null) =>
        IntakeBody(item, materials: materials ?? ["ID", "HUKOU", "FORM", "ECONOMIC_AUTH", "INCOME_PROOF"]);

    private async Task<(StaffClient Clerk, StaffClient Township, Guid Id)> AcceptedAsync(object intake)
    {
        var clerk = await _app.LoginAsync("dongmen.clerk");
        var specialist = await _app.LoginAsync("dongmen.specialist");
        var township = await _app.LoginAsync("hexi.backoffice");
        var id = IdOf(await clerk.OpenCaseAsync(intake));
        await specialist.WaitForStateAsync(id, "AtSpecialist");
        await specialist.DoAsync(id, "forward");
        await township.WaitForStateAsync(id, "AwaitingSignFor");
        await township.DoAsync(id, "sign-for");
        var accepted = await township.DoAsync(id, "accept");
        // The fork is left in the same transaction as the acceptance: the case is at the lead branch's task.
        Assert.Equal("TownshipReview", StateOf(accepted));
        return (clerk, township, id);
    }

    private static async Task<JsonObject> TaskOpenAsync(StaffClient client, Guid id, string node)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(50))
        {
            var task = (await client.GetCaseAsync(id))["tasks"]!.AsArray().Select(t => t!.AsObject()).Single(t => t["node"]!.GetValue<string>() == node);
            if (task["status"]!.GetValue<string>() == "Open") return task;
        }

        throw new TimeoutException($"task {node} of case {id} was not received");
    }

    [Fact]
    public async Task The_township_leads_the_civil_affairs_bureau_gives_its_opinion_the_join_waits_then_publicity_then_the_decision()
    {
        var (clerk, township, id) = await AcceptedAsync(Subsistence());
        var mzj = await _app.LoginAsync("mzj.officer");

        // The bureau's task arrives over the bus at its post, with its own clock (5 working days: the route's limit).
        var task = await TaskOpenAsync(mzj, id, "MzjOpinion");
        Assert.Equal("dept-mzj-officer", task["postId"]!.GetValue<string>());
        Assert.Equal(ManualClock.Shanghai(2026, 11, 30, 23, 59).AddSeconds(59), task["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal("Green", task["colour"]!.GetValue<string>());
        var taskId = task["id"]!.GetValue<Guid>();
        var queue = JsonNode.Parse(await mzj.Http.GetStringAsync("/api/work-queue"))!.AsArray();
        Assert.Contains(queue, r => r!["taskId"]?.GetValue<Guid>() == taskId && r["taskNode"]!.GetValue<string>() == "MzjOpinion");

        // The instance view marks both branches: the township's node and the bureau's task, each with its post.
        var svg = await township.Http.GetStringAsync($"/api/cases/{id}/route.svg");
        Assert.Contains("class=\"node kind-task is-current\" data-node=\"TownshipReview\"", svg, StringComparison.Ordinal);
        Assert.Contains("class=\"node kind-task is-current\" data-node=\"MzjOpinion\"", svg, StringComparison.Ordinal);
        Assert.Contains("协办：", svg, StringComparison.Ordinal);

        // The lead finishes first: the join waits for the assisting branch.
        var waiting = await township.DoAsync(id, "handle");
        Assert.Equal("OpinionsIn", StateOf(waiting));

        // Only the bureau's post gives the opinion, with one.
        Assert.Equal(HttpStatusCode.Forbidden, (await township.ActAsync(id, $"tasks/{taskId}/giveOpinion", new { agrees = true, text = "同意" })).StatusCode);
        var noText = await mzj.ActAsync(id, $"tasks/{taskId}/giveOpinion", new { agrees = true });
        Assert.Equal(HttpStatusCode.BadRequest, noText.StatusCode);
        Assert.True((await ProblemAsync(noText))["errors"]!.AsObject().ContainsKey("text"));
        Assert.Equal(HttpStatusCode.NotFound, (await mzj.ActAsync(id, $"tasks/{taskId}/teleport", new { })).StatusCode);

        var joined = await mzj.DoAsync(id, $"tasks/{taskId}/giveOpinion", new { agrees = true, text = "经核对，家庭人均收入低于当地低保标准。" });
        Assert.Equal("Publicity", StateOf(joined));
        Assert.Equal(HttpStatusCode.Conflict, (await mzj.ActAsync(id, $"tasks/{taskId}/giveOpinion", new { agrees = false, text = "再来一次" })).StatusCode);

        // 公示 7 working days from Mon 23 Nov: over at the end of Wed 2 Dec; the timer moves the case on, not a person.
        _clock.Set(ManualClock.Shanghai(2026, 12, 2, 17));
        await Task.Delay(500);
        Assert.Equal("Publicity", StateOf(await township.GetCaseAsync(id)));
        _clock.Set(ManualClock.Shanghai(2026, 12, 3, 9));
        await township.WaitForStateAsync(id, "Handling");

        await township.DoAsync(id, "decide", new { approved = false, text = "公示期间收到实名举报，经核实家庭有营业收入。" });
        var delivered = await clerk.WaitForStateAsync(id, "AwaitingDelivery");

        Assert.Equal(
            ["Intake", "Receive", "Forward", "Receive", "SignFor", "Accept", "Fork", "Receive", "Handle", "GiveOpinion", "Join", "Elapse", "Decide", "Choose", "Receive"],
            HistoryOf(delivered).Select(h => h.Action));
        Assert.Equal("RejectedToWindow", delivered["history"]!.AsArray()[13]!["toState"]!.GetValue<string>());
        Assert.Equal("node:timer", HistoryOf(delivered)[11].ActorId);
        var done = delivered["tasks"]!.AsArray().Single()!;
        Assert.Equal(("Done", true), (done["status"]!.GetValue<string>(), done["agrees"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task Two_departments_finishing_at_once_fire_the_join_once()
    {
        var (_, township, id) = await AcceptedAsync(Subsistence("QS-MZ-007", ["ID", "HUKOU", "DISABILITY_CERT", "FORM", "ECONOMIC_AUTH"]));
        var cjl = await _app.LoginAsync("cjl.officer");
        var mzj = await _app.LoginAsync("mzj.officer");
        var cjlTask = (await TaskOpenAsync(cjl, id, "CjlOpinion"))["id"]!.GetValue<Guid>();
        var mzjTask = (await TaskOpenAsync(mzj, id, "MzjOpinion"))["id"]!.GetValue<Guid>();
        await township.DoAsync(id, "handle");

        var answers = await Task.WhenAll(
            cjl.ActAsync(id, $"tasks/{cjlTask}/giveOpinion", new { agrees = true, text = "残疾等级核定为一级。" }),
            mzj.ActAsync(id, $"tasks/{mzjTask}/giveOpinion", new { agrees = true, text = "家庭经济状况符合单独施保条件。" }));
        // Each opinion is recorded; one that lost the race with the other is 409 and goes through when sent again.
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, a.StatusCode.ToString()));
        if (answers[0].StatusCode == HttpStatusCode.Conflict) await cjl.DoAsync(id, $"tasks/{cjlTask}/giveOpinion", new { agrees = true, text = "残疾等级核定为一级。" });
        if (answers[1].StatusCode == HttpStatusCode.Conflict) await mzj.DoAsync(id, $"tasks/{mzjTask}/giveOpinion", new { agrees = true, text = "家庭经济状况符合单独施保条件。" });

        var after = await township.GetCaseAsync(id);
        Assert.Equal("Publicity", StateOf(after));
        Assert.Single(HistoryOf(after), h => h.Action == "Join");
        Assert.Equal(2, HistoryOf(after).Count(h => h.Action == "GiveOpinion"));
    }

    [Fact]
    public async Task A_department_sees_only_the_cases_it_has_a_task_on()
    {
        var (clerk, _, id) = await AcceptedAsync(Subsistence());
        var other = IdOf(await clerk.OpenCaseAsync());
        var mzj = await _app.LoginAsync("mzj.officer");
        await TaskOpenAsync(mzj, id, "MzjOpinion");

        Assert.Equal(HttpStatusCode.Forbidden, (await mzj.Http.GetAsync($"/api/cases/{other}")).StatusCode);
        var cjl = await _app.LoginAsync("cjl.officer");
        Assert.Equal(HttpStatusCode.Forbidden, (await cjl.Http.GetAsync($"/api/cases/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_late_opinion_is_reminded_then_supervised_at_the_departments_post_and_the_opinion_closes_its_supervision()
    {
        var (_, township, id) = await AcceptedAsync(Subsistence());
        var mzj = await _app.LoginAsync("mzj.officer");
        var bureau = await _app.LoginAsync("bureau.supervisor");
        var task = await TaskOpenAsync(mzj, id, "MzjOpinion");
        var taskId = task["id"]!.GetValue<Guid>();

        // Five working days from Mon 23 Nov: due at the end of Mon 30 Nov. On Tue 1 Dec it is late.
        _clock.Set(ManualClock.Shanghai(2026, 12, 1, 9));
        JsonArray items = [];
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline && items.Count == 0; await Task.Delay(100))
        {
            items = [.. JsonNode.Parse(await bureau.Http.GetStringAsync("/api/bureau/supervision"))!.AsArray().Where(i => i!["caseId"]!.GetValue<Guid>() == id).Select(i => i!.DeepClone())];
        }

        var item = Assert.Single(items)!;
        Assert.Equal(("dept-mzj-officer", "dept-mzj"), (item["postId"]!.GetValue<string>(), item["jurisdictionId"]!.GetValue<string>()));
        var notices = JsonNode.Parse(await mzj.Http.GetStringAsync("/api/notifications"))!.AsArray();
        Assert.Contains(notices, n => n!["caseId"]!.GetValue<Guid>() == id && n["kind"]!.GetValue<string>() == "reminder");
        Assert.Equal("Red", (await township.GetCaseAsync(id))["tasks"]!.AsArray().Single()!["colour"]!.GetValue<string>());
        // The task is late, not the case: the case's own clock keeps its colour.
        Assert.NotEqual("Red", (await township.GetCaseAsync(id))["overallClock"]!["colour"]?.GetValue<string>());

        await mzj.DoAsync(id, $"tasks/{taskId}/giveOpinion", new { agrees = true, text = "逾期出具：家庭经济状况符合条件。" });
        var open = JsonNode.Parse(await bureau.Http.GetStringAsync("/api/bureau/supervision"))!.AsArray();
        Assert.DoesNotContain(open, i => i!["caseId"]!.GetValue<Guid>() == id);
    }
}
