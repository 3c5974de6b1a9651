using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tongban.Integration.Tests.Infrastructure;
using Tongban.Testing;
using Tongban.UseCases;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Persistence;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.Residents;

/// <summary>
/// 特殊群体台账 and 主动服务清单 on SQLite through the real gateway: only the community's staff and unit head see the
/// register (403 for another community, a township, the bureau); lists are masked; a full view needs a reason and
/// is audited, a refused one too; rows past their purpose disappear and are deleted; the proactive list finds the
/// elderly and the disabled resident and leaves out the one who already has a case.
/// </summary>
public sealed class SpecialGroupRegisterTests : IAsyncDisposable
{
    private readonly ManualClock _clock = new(ManualClock.Shanghai(2026, 11, 23, 10));
    private readonly EmbeddedApp _app;

    public SpecialGroupRegisterTests() => _app = new EmbeddedApp { Clock = _clock };

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>An ID number of someone born on <paramref name="birth"/>, with its GB 11643 check digit.</summary>
    private static string IdBornOn(DateOnly birth, string sequence)
    {
        var body = $"110105{birth:yyyyMMdd}{sequence}";
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        return body + "10X98765432"[body.Select((c, i) => (c - '0') * weights[i]).Sum() % 11];
    }

    private static async Task<Guid> AddAsync(StaffClient staff, string name, string idNumber, string group, int? grade = null, string until = "2027-11-30", string grid = "dongmen-01")
    {
        var response = await staff.Http.PostAsJsonAsync("/api/special-groups", new
        {
            communityId = "dongmen", gridCode = grid, name, idNumber, phone = "13800138005", group, disabilityGrade = grade,
            since = "2026-01-01", until, contactName = "张小明", contactPhone = "13900139000",
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<Guid>();
    }

    [Fact]
    public async Task Only_the_community_sees_the_register_masked_and_a_full_view_needs_a_reason_and_is_audited()
    {
        var clerk = await _app.LoginAsync("dongmen.clerk");
        var idNumber = IdBornOn(new(1940, 3, 8), "021");
        var rowId = await AddAsync(clerk, "赵德明", idNumber, "Disabled", grade: 2);

        // Disabled without a grade: 400 naming the field, nothing written.
        var noGrade = await clerk.Http.PostAsJsonAsync("/api/special-groups", new { communityId = "dongmen", name = "钱某", idNumber, group = "Disabled", since = "2026-01-01", until = "2027-01-01" });
        Assert.Equal(HttpStatusCode.BadRequest, noGrade.StatusCode);
        Assert.NotNull((await ProblemAsync(noGrade))["errors"]!["disabilityGrade"]);

        var list = await clerk.Http.GetStringAsync("/api/special-groups");
        Assert.Contains("赵**", list, StringComparison.Ordinal);
        Assert.Contains("110105********", list, StringComparison.Ordinal);
        Assert.DoesNotContain(idNumber, list, StringComparison.Ordinal);
        Assert.DoesNotContain("13800138005", list, StringComparison.Ordinal);
        Assert.Contains("赵**", await (await _app.LoginAsync("dongmen.head")).Http.GetStringAsync("/api/special-groups"), StringComparison.Ordinal);

        // Another community's clerk and unit head, a township, the county departments' bureau: 403 on the list and on the row.
        foreach (var outsider in new[] { "xijie.clerk", "nanhu.head", "hexi.backoffice", "bureau.supervisor", "county.admin" })
        {
            var who = await _app.LoginAsync(outsider);
            Assert.Equal(HttpStatusCode.Forbidden, (await who.Http.GetAsync("/api/special-groups?community=dongmen")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await who.Http.GetAsync("/api/proactive?community=dongmen")).StatusCode);
            var view = await who.Http.PostAsJsonAsync($"/api/special-groups/{rowId}/view", new { reason = "想核对一下" });
            Assert.Equal(HttpStatusCode.Forbidden, view.StatusCode);
            Assert.DoesNotContain(idNumber, await view.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await (await _app.LoginAsync("xijie.clerk")).Http.PostAsJsonAsync("/api/special-groups", new
        {
            communityId = "dongmen", name = "孙某", idNumber, group = "Elderly", since = "2026-01-01", until = "2027-01-01",
        })).StatusCode);

        // Without a reason: 400 naming it; nothing shown.
        foreach (var reason in new[] { null, "", "看看" })
        {
            var refused = await clerk.Http.PostAsJsonAsync($"/api/special-groups/{rowId}/view", new { reason });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.NotNull((await ProblemAsync(refused))["errors"]!["reason"]);
        }

        var full = await (await clerk.Http.PostAsJsonAsync($"/api/special-groups/{rowId}/view", new { reason = "上门核实残疾人补贴申请条件" })).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal((idNumber, "13800138005", 2), (full!["idNumber"]!.GetValue<string>(), full["phone"]!.GetValue<string>(), full["disabilityGrade"]!.GetValue<int>()));

        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        var records = await db.AuditRecords.AsNoTracking().Where(r => r.Action == "special-group.view").ToListAsync();
        var ok = Assert.Single(records, r => r.Outcome == "ok");
        Assert.Equal(("dongmen.clerk", "上门核实残疾人补贴申请条件", $"special-group:{rowId}"), (ok.ActorId, ok.Reason, ok.Subject));
        Assert.Equal(5, records.Count(r => r.Outcome == "denied" && r.Reason == "想核对一下"));
        Assert.Equal(6, records.Count);
        Assert.All(records, r => Assert.DoesNotContain(idNumber, r.Detail ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_row_past_its_purpose_is_hidden_and_deleted_with_an_audit_record()
    {
        var clerk = await _app.LoginAsync("dongmen.clerk");
        var ending = await AddAsync(clerk, "周某", IdBornOn(new(1950, 1, 1), "031"), "LivingAlone", until: "2026-11-24");
        var staying = await AddAsync(clerk, "吴某", IdBornOn(new(1950, 1, 2), "032"), "SeriouslyIll");
        Assert.Equal(2, (await clerk.Http.GetFromJsonAsync<JsonObject>("/api/special-groups"))!["rows"]!.AsArray().Count);

        _clock.Advance(TimeSpan.FromDays(2)); // 25 November: the purpose ended on the 24th
        var rows = (await clerk.Http.GetFromJsonAsync<JsonObject>("/api/special-groups"))!["rows"]!.AsArray();
        Assert.Equal([staying], rows.Select(r => r!["id"]!.GetValue<Guid>()));
        Assert.Equal(HttpStatusCode.NotFound, (await clerk.Http.PostAsJsonAsync($"/api/special-groups/{ending}/view", new { reason = "核对已到期的记录" })).StatusCode);

        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        Assert.False(await db.SpecialGroupMembers.AnyAsync(m => m.Id == ending));
        var purge = Assert.Single(await db.AuditRecords.AsNoTracking().Where(r => r.Action == "special-group.purge").ToListAsync());
        Assert.Equal("community:dongmen", purge.Subject);
        Assert.Contains("deleted 1 row", purge.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_proactive_list_finds_who_seems_eligible_and_leaves_out_residents_with_a_case()
    {
        var clerk = await _app.LoginAsync("dongmen.clerk");
        var eightyTwo = IdBornOn(new(1944, 5, 1), "041");
        var disabled = IdBornOn(new(1975, 7, 1), "042");
        var hasCase = IdBornOn(new(1939, 9, 9), "043");
        var young = IdBornOn(new(1990, 1, 1), "044");
        await AddAsync(clerk, "郑大爷", eightyTwo, "LivingAlone");
        await AddAsync(clerk, "冯某", disabled, "Disabled", grade: 2, grid: "dongmen-02");
        await AddAsync(clerk, "陈奶奶", hasCase, "Elderly");
        await AddAsync(clerk, "褚某", young, "LowIncome");
        var opened = await clerk.OpenCaseAsync(IntakeBody(idNumber: hasCase, applicant: "陈奶奶"));

        var rows = (await clerk.Http.GetFromJsonAsync<JsonObject>("/api/proactive"))!["rows"]!.AsArray();
        var found = rows.Select(r => (r!["idNumberMasked"]!.GetValue<string>(), r["itemCode"]!.GetValue<string>())).ToList();
        Assert.Equal([(eightyTwo[..6] + "********" + eightyTwo[^4..], "QS-MZ-001"), (disabled[..6] + "********" + disabled[^4..], "QS-MZ-003")], found);
        Assert.Contains("82周岁", rows[0]!["why"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(eightyTwo, rows.ToJsonString(), StringComparison.Ordinal);

        // One grid only.
        var grid2 = (await clerk.Http.GetFromJsonAsync<JsonObject>("/api/proactive?grid=dongmen-02"))!["rows"]!.AsArray();
        Assert.Equal(["QS-MZ-003"], grid2.Select(r => r!["itemCode"]!.GetValue<string>()));

        // A withdrawn case (视为撤回, as the timer withdraws it: at the end its route's withdrawal leads to) does not count.
        WorkflowResult? withdrawn = null;
        for (var attempt = 0; attempt < 20 && withdrawn is not WorkflowResult.Done; attempt++)
        {
            // The hand-off to the specialist may be received meanwhile (a lost race): try again on a fresh context.
            if (attempt > 0) await Task.Delay(100);
            using var scope = _app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
            var window = await db.Posts.AsNoTracking().FirstAsync(p => p.JurisdictionId == "dongmen" && p.Role == PostRole.WindowClerk);
            var timer = Actor.Node("timer", new PostAssignment(window.Id, window.JurisdictionId, PostRole.WindowClerk));
            try
            {
                withdrawn = await scope.ServiceProvider.GetRequiredService<CaseWorkflow>()
                    .ApplyAsync(opened["id"]!.GetValue<Guid>(), CaseAction.Withdraw, timer, ActionInput.None.Instance, expectedVersion: null, CancellationToken.None);
                // The caller commits the step (the timer sweeper does, in its transaction).
                if (withdrawn is WorkflowResult.Done) await db.SaveChangesAsync();
            }
            catch (DbUpdateException e) when (LostRace.Is(e))
            {
                // On SQLite the loser can meet the journal's (case, sequence) key before the version check.
                withdrawn = null;
            }
        }

        Assert.IsType<WorkflowResult.Done>(withdrawn);

        var again = (await clerk.Http.GetFromJsonAsync<JsonObject>("/api/proactive"))!["rows"]!.AsArray();
        Assert.Contains(again, r => r!["idNumberMasked"]!.GetValue<string>() == hasCase[..6] + "********" + hasCase[^4..]);
        Assert.Equal(3, again.Count);
    }
}
