using System.Net;
using Tongban.Integration.Tests.Infrastructure;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.Audit;

/// <summary>Every action on a case leaves a sealed audit record; only the auditor reads the trail.</summary>
public sealed class CaseActionAuditTests : IAsyncLifetime
{
    private readonly EmbeddedApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_case_action_produces_a_sealed_audit_record_with_who_what_and_outcome()
    {
        var clerk = await _app.LoginAsync("dongmen.clerk");
        var specialist = await _app.LoginAsync("dongmen.specialist");
        var id = IdOf(await clerk.OpenCaseAsync());
        await specialist.WaitForStateAsync(id, "AtSpecialist");
        await specialist.DoAsync(id, "forward");

        var records = await AuditProbe.WaitForSealedAsync(_app, r => r.CaseId == id, count: 3);
        Assert.Equal(["case.Intake", "case.Receive", "case.Forward"], records.Take(3).Select(r => r.Action));
        var intake = records[0];
        Assert.Equal("dongmen.clerk", intake.ActorId);
        Assert.Equal($"case:{id}", intake.Subject);
        Assert.Equal("ok", intake.Outcome);
        Assert.Matches("^[0-9a-f]{64}$", intake.Hash);
        Assert.Equal("node:embedded-test", records[1].ActorId);
        Assert.Equal("dongmen.specialist", records[2].ActorId);
        Assert.DoesNotContain(ValidIdNumber, string.Concat(records.Select(r => r.Detail)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_auditor_queries_the_trail_and_each_query_is_itself_audited()
    {
        var clerk = await _app.LoginAsync("dongmen.clerk");
        var id = IdOf(await clerk.OpenCaseAsync());
        await AuditProbe.WaitForSealedAsync(_app, r => r.CaseId == id && r.Action == "case.Intake");

        foreach (var user in new[] { "county.admin", "dongmen.clerk", "bureau.supervisor" })
        {
            var other = await _app.LoginAsync(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.Http.GetAsync($"/api/audit?caseId={id}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.Http.GetAsync("/api/audit/verify")).StatusCode);
        }

        var auditor = await _app.LoginAsync("bureau.auditor");
        var page = await AuditProbe.GetJsonAsync(auditor, $"/api/audit?caseId={id}&action=case.Intake");
        Assert.Equal(1, page["total"]!.GetValue<int>());
        var item = page["items"]![0]!;
        Assert.Equal("dongmen.clerk", item["actorId"]!.GetValue<string>());
        Assert.NotNull(item["hash"]);

        var queries = await AuditProbe.WaitForSealedAsync(_app, r => r.Action.StartsWith("audit.", StringComparison.Ordinal), count: 7);
        Assert.Equal(3, queries.Count(r => r.Action == "audit.query" && r.Outcome == "denied"));
        Assert.Contains(queries, r => r.ActorId == "county.admin" && r.Action == "audit.verify" && r.Outcome == "denied");
        var own = Assert.Single(queries, r => r.ActorId == "bureau.auditor");
        Assert.Equal(("audit.query", "ok"), (own.Action, own.Outcome));
        Assert.Contains($"caseId={id}", own.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_auditor_pages_newest_first_and_gets_400_naming_a_bad_filter()
    {
        var clerk = await _app.LoginAsync("dongmen.clerk");
        for (var i = 0; i < 3; i++) await clerk.OpenCaseAsync();
        var auditor = await _app.LoginAsync("bureau.auditor");

        var page = await AuditProbe.GetJsonAsync(auditor, "/api/audit?actorId=dongmen.clerk&pageSize=2");
        Assert.Equal(3, page["total"]!.GetValue<int>());
        var items = page["items"]!.AsArray();
        Assert.Equal(2, items.Count);
        Assert.True(items[0]!["sequence"]!.GetValue<long>() > items[1]!["sequence"]!.GetValue<long>());
        var second = await AuditProbe.GetJsonAsync(auditor, "/api/audit?actorId=dongmen.clerk&pageSize=2&page=2");
        Assert.Single(second["items"]!.AsArray());

        var bad = await auditor.Http.GetAsync("/api/audit?from=yesterday&pageSize=1000");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await ProblemAsync(bad))["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("from"));
        Assert.True(errors.ContainsKey("pageSize"));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_audit_endpoints()
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse(await _app.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var paths = document["paths"]!.AsObject();
        Assert.NotNull(paths["/api/cases/{id}/personal-data"]?["post"]);
        Assert.NotNull(paths["/api/audit"]?["get"]);
        Assert.NotNull(paths["/api/audit/verify"]?["get"]);
    }
}
