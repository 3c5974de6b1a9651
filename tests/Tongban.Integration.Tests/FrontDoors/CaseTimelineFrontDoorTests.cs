using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tongban.Integration.Tests.Infrastructure;
using Tongban.Integration.Tests.People;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Integration.Tests.FrontDoors;

/// <summary>The case timeline is one read model: the API's <c>/timeline</c> and the case page show the same stages and entries.</summary>
public sealed partial class CaseTimelineFrontDoorTests : IAsyncLifetime
{
    private readonly EmbeddedApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task After_a_correction_loop_and_an_approved_extension_the_api_and_the_page_show_the_same_stage_dues()
    {
        var id = await PeopleApi.CaseAwaitingSignForAsync(_app);
        var township = await _app.LoginAsync("hexi.backoffice");
        var clerk = await _app.LoginAsync("dongmen.clerk");
        await township.DoAsync(id, "sign-for");
        await township.DoAsync(id, "return-for-correction", new { missing = new[] { new { code = "ID", problem = "复印件不清晰" } } });
        await clerk.WaitForStateAsync(id, "AwaitingCorrection");
        await clerk.DoAsync(id, "resubmit", new { materials = new[] { "ID" } });
        await township.WaitForStateAsync(id, "AwaitingSignFor");
        await township.DoAsync(id, "sign-for");
        await township.DoAsync(id, "extensions", new { workingDays = 3, reason = "需到户核实居住情况" });
        var head = await _app.LoginAsync("hexi.head");
        await head.DoAsync(id, $"extensions/{await PendingExtensionAsync(id)}/decision", new { approve = true, note = "同意" });

        var response = await township.Http.GetAsync($"/api/cases/{id}/timeline");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var timeline = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        var stages = timeline["stages"]!.AsArray().Select(s => s!.AsObject()).ToList();

        // 专员审核, 签收, 受理 (returned from it), 签收 again, 受理 again with the 3 approved working days.
        Assert.Equal(["review", "signFor", "accept", "signFor", "accept"], stages.Select(s => s["name"]!.GetValue<string>()));
        var accepting = stages[^1];
        Assert.True(accepting["running"]!.GetValue<bool>());
        Assert.Equal((2, 3), (accepting["limitWorkingDays"]!.GetValue<int>(), accepting["extensionWorkingDays"]!.GetValue<int>()));
        Assert.All(stages.SkipLast(1), s => Assert.Equal(0, s["extensionWorkingDays"]!.GetValue<int>()));
        Assert.True(accepting["dueAt"]!.GetValue<DateTimeOffset>() >= stages[2]["dueAt"]!.GetValue<DateTimeOffset>().AddDays(3));

        // The page renders the same read model: the same stages with the same dues, the same entries in words.
        var html = await (await CasePageClient.LoginAsync(_app, "hexi.backoffice")).HtmlAsync(id);
        var shown = StageSpan().Matches(html).Select(m => (m.Groups[1].Value, Due(m.Groups[2].Value), m.Groups[3].Value == "true")).ToList();
        var answered = stages.Select(s => (s["name"]!.GetValue<string>(), s["dueAt"]?.GetValue<DateTimeOffset>(), s["late"]!.GetValue<bool>())).ToList();
        Assert.Equal(answered, shown);

        var entries = timeline["entries"]!.AsArray().Select(e => e!.AsObject()).ToList();
        Assert.Equal(entries.Select(e => e["sequence"]!.GetValue<int>().ToString()), EntrySequence().Matches(html).Select(m => m.Groups[1].Value));
        foreach (var detail in entries.SelectMany(e => e["details"]!.AsArray().Select(d => d!.GetValue<string>())))
        {
            Assert.Contains(detail, WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        }

        var details = entries.SelectMany(e => e["details"]!.AsArray().Select(d => d!.GetValue<string>())).ToList();
        Assert.Contains("缺少/有误：居民身份证原件及复印件 — 复印件不清晰", details);
        Assert.Contains("延期：3 个工作日", details);
        Assert.Contains("审批：批准", details);
    }

    private static DateTimeOffset? Due(string value) => value.Length == 0 ? null : DateTimeOffset.Parse(WebUtility.HtmlDecode(value), System.Globalization.CultureInfo.InvariantCulture);

    private async Task<Guid> PendingExtensionAsync(Guid caseId)
    {
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        return await db.ExtensionRequests.Where(e => e.CaseId == caseId).Select(e => e.Id).SingleAsync();
    }

    [GeneratedRegex("class=\"small stage-span\" data-stage=\"([^\"]+)\"(?: data-due-at=\"([^\"]*)\")? data-late=\"(true|false)\"")]
    private static partial Regex StageSpan();

    [GeneratedRegex("<li class=\"[^\"]*\" data-sequence=\"(\\d+)\"")]
    private static partial Regex EntrySequence();
}
