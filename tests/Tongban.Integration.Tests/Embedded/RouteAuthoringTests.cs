using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tongban.Integration.Tests.Infrastructure;
using Tongban.Workflows.Catalog;
using Tongban.Workflows.Routes;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Persistence;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.Embedded;

/// <summary>
/// Authoring routes on the embedded system (SQLite file): publishing a route version (POST /api/routes), pointing an
/// item at it (PUT /api/catalog/{code}/route), and migrating running cases by a plan (dry run, execute, execute again).
/// </summary>
public sealed class RouteAuthoringTests : IAsyncLifetime
{
    private readonly EmbeddedApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Publishing_refuses_a_bad_route_naming_the_node_accepts_only_the_next_version_and_never_changes_a_published_one()
    {
        var admin = await _app.LoginAsync("county.admin");

        var bad = Shipped("cross-jurisdiction", version: 2);
        Node(bad, "Handling")["participant"] = "township";
        var refused = await PublishAsync(admin.Http, bad);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("unknown participant 'township'", (await ProblemAsync(refused))["errors"]!["nodes.Handling"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        var skipping = await PublishAsync(admin.Http, Shipped("cross-jurisdiction", version: 3));
        Assert.Equal(HttpStatusCode.BadRequest, skipping.StatusCode);
        Assert.Contains("2", (await ProblemAsync(skipping))["errors"]!["version"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        var good = Shipped("cross-jurisdiction", version: 2);
        Node(good, "Handling")["label"] = "乡镇办理中";
        var published = await PublishAsync(admin.Http, good);
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var body = (await published.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("cross-jurisdiction@2", body["reference"]!.GetValue<string>());
        Assert.Equal("county.admin", body["publishedBy"]!.GetValue<string>());

        // The same content again changes nothing; other content under that version is a conflict; so is v1's.
        var again = await PublishAsync(admin.Http, good);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.False((await again.Content.ReadFromJsonAsync<JsonObject>())!["published"]!.GetValue<bool>());
        Node(good, "Handling")["label"] = "另一个名字";
        Assert.Equal(HttpStatusCode.Conflict, (await PublishAsync(admin.Http, good)).StatusCode);
        var v1 = Shipped("cross-jurisdiction", version: 1);
        Node(v1, "Handling")["label"] = "另一个名字";
        Assert.Equal(HttpStatusCode.Conflict, (await PublishAsync(admin.Http, v1)).StatusCode);

        var routes = (await admin.Http.GetFromJsonAsync<JsonArray>("/api/routes"))!;
        Assert.Contains("cross-jurisdiction@2", routes.Select(r => r!["reference"]!.GetValue<string>()));
        var check = await admin.Http.PostAsync("/api/routes/validate", new StringContent(Shipped("cross-jurisdiction", version: 2).ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.True((await check.Content.ReadFromJsonAsync<JsonObject>())!["versionExists"]!.GetValue<bool>());

        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        var row = await db.Set<RouteVersion>().SingleAsync(r => r.RouteId == "cross-jurisdiction" && r.Version == 2);
        Assert.Equal("乡镇办理中", RouteFile.Parse(row.CanonicalJson).Node("Handling")!.Label);
        Assert.Equal(RouteStore.Hash(row.CanonicalJson), row.ContentHash);
        Assert.Equal(1, await db.AuditRecords.CountAsync(a => a.Action == "route.publish" && a.Subject == "route:cross-jurisdiction@2"));

        var clerk = await _app.LoginAsync("dongmen.clerk");
        Assert.Equal(HttpStatusCode.Forbidden, (await PublishAsync(clerk.Http, Shipped("window-immediate", version: 2))).StatusCode);
    }

    [Fact]
    public async Task Pointing_an_item_at_a_new_route_version_makes_a_new_item_version_running_cases_stay_and_the_import_keeps_it()
    {
        var admin = await _app.LoginAsync("county.admin");
        var clerk = await _app.LoginAsync("dongmen.clerk");
        var specialist = await _app.LoginAsync("dongmen.specialist");
        var running = IdOf(await clerk.OpenCaseAsync());
        await PublishV2Async(admin);

        var notPublished = await admin.Http.PutAsJsonAsync("/api/catalog/QS-MZ-001/route", new { route = "cross-jurisdiction@9" });
        Assert.Equal(HttpStatusCode.BadRequest, notPublished.StatusCode);
        Assert.NotNull((await ProblemAsync(notPublished))["errors"]!["route"]);

        var changed = await admin.Http.PutAsJsonAsync("/api/catalog/QS-MZ-001/route", new { route = "cross-jurisdiction@2" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var result = (await changed.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(2, result["version"]!.GetValue<int>());
        Assert.Equal("QS-MZ-001@v2", result["definitionId"]!.GetValue<string>());
        var same = await admin.Http.PutAsJsonAsync("/api/catalog/QS-MZ-001/route", new { route = "cross-jurisdiction@2" });
        Assert.False((await same.Content.ReadFromJsonAsync<JsonObject>())!["changed"]!.GetValue<bool>());

        var newer = await clerk.OpenCaseAsync();
        Assert.Equal("QS-MZ-001@v2", newer["definitionId"]!.GetValue<string>());
        await specialist.WaitForStateAsync(running, "AtSpecialist");
        var forwarded = await specialist.DoAsync(running, "forward");
        Assert.Equal("QS-MZ-001@v1", forwarded["definitionId"]!.GetValue<string>());

        // Importing the catalogue file again (which still says cross-jurisdiction@1) keeps the administrator's choice.
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        // The departments routes may name are the system's (Routes:Departments).
        var files = await RouteDirectory.LoadAsync(RepoPaths.Data("routes"), scope.ServiceProvider.GetRequiredService<RouteLibrary>().Vocabulary, CancellationToken.None);
        var catalog = CatalogFile.Parse(await File.ReadAllTextAsync(RepoPaths.Data("catalog.json")));
        Assert.Equal(0, (await CatalogImporter.ImportAsync(db, catalog, files, DateTimeOffset.UtcNow, CancellationToken.None)).Added);
        var current = await db.ItemVersions.SingleAsync(v => v.Code == "QS-MZ-001" && v.IsCurrent);
        Assert.Equal(2, current.Version);
        Assert.Contains("cross-jurisdiction@2", current.Spec, StringComparison.Ordinal);
        Assert.Equal(1, await db.AuditRecords.CountAsync(a => a.Action == "item.route-change" && a.Subject == "item:QS-MZ-001"));
    }

    [Fact]
    public async Task A_plan_dry_runs_moves_and_refusals_executes_the_moves_once_and_refuses_a_case_changed_since_the_dry_run()
    {
        var admin = await _app.LoginAsync("county.admin");
        var clerk = await _app.LoginAsync("dongmen.clerk");
        var specialist = await _app.LoginAsync("dongmen.specialist");
        var township = await _app.LoginAsync("hexi.backoffice");
        await PublishV2Async(admin);

        var atSpecialist = IdOf(await clerk.OpenCaseAsync());
        var signedFor = IdOf(await clerk.OpenCaseAsync());
        var accepted = IdOf(await clerk.OpenCaseAsync());
        var changedLater = IdOf(await clerk.OpenCaseAsync());
        var closed = IdOf(await clerk.OpenCaseAsync(IntakeBody(itemCode: "QS-MZ-001")));
        foreach (var id in new[] { atSpecialist, signedFor, accepted, changedLater, closed }) await specialist.WaitForStateAsync(id, "AtSpecialist");
        foreach (var id in new[] { signedFor, accepted, closed })
        {
            await specialist.DoAsync(id, "forward");
            await township.WaitForStateAsync(id, "AwaitingSignFor");
            await township.DoAsync(id, "sign-for");
        }

        await township.DoAsync(accepted, "accept");
        await township.DoAsync(closed, "accept");
        await township.DoAsync(closed, "handle");
        await township.DoAsync(closed, "decide", new { approved = true, text = "准予" });
        await clerk.WaitForStateAsync(closed, "AwaitingDelivery");
        await clerk.DoAsync(closed, "deliver", new { method = "Window" });
        Assert.Equal("Archived", StateOf(await clerk.DoAsync(closed, "archive")));

        // SignedFor is deliberately not mapped.
        var plan = await admin.Http.PostAsJsonAsync("/api/routes/migrations", new
        {
            sourceRoute = "cross-jurisdiction@1",
            targetRoute = "cross-jurisdiction@2",
            mapping = new Dictionary<string, string> { ["AtSpecialist"] = "AtSpecialist", ["Accepted"] = "Handling", ["Archived"] = "Archived" },
        });
        Assert.Equal(HttpStatusCode.Created, plan.StatusCode);
        var dryRun = (await plan.Content.ReadFromJsonAsync<JsonObject>())!;
        var planId = dryRun["id"]!.GetValue<Guid>();
        var rows = Rows(dryRun);
        Assert.Equal(4, rows.Count);
        Assert.DoesNotContain(closed, rows.Keys);
        Assert.Equal(("planned", "AtSpecialist", "AtSpecialist"), (rows[atSpecialist].Status, rows[atSpecialist].From, rows[atSpecialist].To));
        Assert.Equal(("planned", "Accepted", "Handling"), (rows[accepted].Status, rows[accepted].From, rows[accepted].To));
        Assert.Equal("refused", rows[signedFor].Status);
        Assert.StartsWith("NotMapped", rows[signedFor].Reason, StringComparison.Ordinal);
        Assert.Equal("planned", rows[changedLater].Status);
        Assert.Equal("QS-MZ-001@v1", (await clerk.GetCaseAsync(atSpecialist))["definitionId"]!.GetValue<string>());

        // One case moves on after the dry run: executing must not move it.
        await specialist.DoAsync(changedLater, "forward");

        var executed = (await (await admin.Http.PostAsync($"/api/routes/migrations/{planId}/execute", null)).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(2, executed["movedNow"]!.GetValue<int>());
        Assert.Equal(1, executed["conflictsNow"]!.GetValue<int>());
        rows = Rows(executed);
        Assert.Equal("moved", rows[atSpecialist].Status);
        Assert.Equal("moved", rows[accepted].Status);
        Assert.Equal("conflict", rows[changedLater].Status);
        Assert.Equal("refused", rows[signedFor].Status);

        var movedCase = await township.GetCaseAsync(accepted);
        Assert.Equal("Handling", StateOf(movedCase));
        Assert.Equal("QS-MZ-001@v2", movedCase["definitionId"]!.GetValue<string>());
        Assert.Equal("Migrate", HistoryOf(movedCase)[^1].Action);
        Assert.Equal("AwaitingSignFor", StateOf(await township.WaitForStateAsync(changedLater, "AwaitingSignFor")));
        Assert.Equal("QS-MZ-001@v1", (await township.GetCaseAsync(changedLater))["definitionId"]!.GetValue<string>());
        Assert.Equal("SignedFor", StateOf(await township.GetCaseAsync(signedFor)));
        Assert.Equal("QS-MZ-001@v1", (await township.GetCaseAsync(closed))["definitionId"]!.GetValue<string>());

        // The moved cases carry on on the new version: the township decides the one now at Handling.
        Assert.Equal("Decided", StateOf(await township.DoAsync(accepted, "decide", new { approved = true, text = "准予" })));
        // The decision's hand-off back to the window bumps the version too: let it land before the versions are compared below.
        await clerk.WaitForStateAsync(accepted, "AwaitingDelivery");
        Assert.Equal("AtSpecialist", StateOf(await specialist.GetCaseAsync(atSpecialist)));

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
            var c = await db.Cases.AsNoTracking().SingleAsync(x => x.Id == atSpecialist);
            Assert.Equal("dongmen-specialist", c.CurrentPostId);
            var audit = await db.AuditRecords.Where(a => a.Action == "case.Migrate").ToListAsync();
            Assert.Equal(2, audit.Count);
            Assert.Contains(audit, a => a.CaseId == accepted && a.Detail == $"migrated from cross-jurisdiction@1 node Accepted to cross-jurisdiction@2 node Handling by plan {planId}");
        }

        // Executing again moves nothing.
        var versionsBefore = await VersionsAsync(atSpecialist, accepted, changedLater, signedFor);
        var second = (await (await admin.Http.PostAsync($"/api/routes/migrations/{planId}/execute", null)).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(0, second["movedNow"]!.GetValue<int>());
        Assert.Equal(versionsBefore, await VersionsAsync(atSpecialist, accepted, changedLater, signedFor));
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
            Assert.Equal(2, await db.CaseHistory.CountAsync(h => h.Action == Tongban.Workflows.Cases.CaseAction.Migrate));
            Assert.Equal(2, await db.AuditRecords.CountAsync(a => a.Action == "case.Migrate"));
        }
    }

    [Fact]
    public async Task Two_administrators_executing_one_plan_at_once_move_each_case_exactly_once()
    {
        var admin = await _app.LoginAsync("county.admin");
        var admin2 = await _app.LoginAsync("county.admin");
        var clerk = await _app.LoginAsync("dongmen.clerk");
        await PublishV2Async(admin);
        var ids = new List<Guid>();
        for (var i = 0; i < 4; i++) ids.Add(IdOf(await clerk.OpenCaseAsync()));
        foreach (var id in ids) await clerk.WaitForStateAsync(id, "AtSpecialist");
        var plan = await admin.Http.PostAsJsonAsync("/api/routes/migrations", new
        {
            sourceRoute = "cross-jurisdiction@1",
            targetRoute = "cross-jurisdiction@2",
            mapping = new Dictionary<string, string> { ["AtSpecialist"] = "AtSpecialist" },
        });
        var planId = (await plan.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();

        var answers = await Task.WhenAll(admin.Http.PostAsync($"/api/routes/migrations/{planId}/execute", null), admin2.Http.PostAsync($"/api/routes/migrations/{planId}/execute", null));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var views = await Task.WhenAll(answers.Select(a => a.Content.ReadFromJsonAsync<JsonObject>()));
        Assert.Equal(4, views.Sum(v => v!["movedNow"]!.GetValue<int>()));
        Assert.All(Rows(views[0]!).Values.Concat(Rows(views[1]!).Values), r => Assert.Equal("moved", r.Status));
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        foreach (var id in ids) Assert.Equal(1, await db.CaseHistory.CountAsync(h => h.CaseId == id && h.Action == Tongban.Workflows.Cases.CaseAction.Migrate));
        Assert.Equal(1, await db.ItemVersions.CountAsync(v => v.Code == "QS-MZ-001" && v.Version == 2));
    }

    [Fact]
    public async Task A_plan_with_bad_input_is_refused_naming_the_field_and_only_administrators_plan()
    {
        var admin = await _app.LoginAsync("county.admin");
        var bad = await admin.Http.PostAsJsonAsync("/api/routes/migrations", new { sourceRoute = "cross-jurisdiction", targetRoute = "cross-jurisdiction@7", mapping = new Dictionary<string, string> { ["Bad Node"] = "X" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await ProblemAsync(bad))["errors"]!.AsObject();
        Assert.NotNull(errors["sourceRoute"]);
        Assert.NotNull(errors["mapping.Bad Node"]);

        var unpublished = await admin.Http.PostAsJsonAsync("/api/routes/migrations", new { sourceRoute = "cross-jurisdiction@1", targetRoute = "cross-jurisdiction@7", mapping = new Dictionary<string, string> { ["Handling"] = "Handling" } });
        Assert.NotNull((await ProblemAsync(unpublished))["errors"]!["targetRoute"]);

        var clerk = await _app.LoginAsync("dongmen.clerk");
        var refused = await clerk.Http.PostAsJsonAsync("/api/routes/migrations", new { sourceRoute = "cross-jurisdiction@1", targetRoute = "window-immediate@1", mapping = new Dictionary<string, string> { ["Handling"] = "Handling" } });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Http.PostAsync($"/api/routes/migrations/{Guid.NewGuid()}/execute", null)).StatusCode);
    }

    private async Task<List<int>> VersionsAsync(params Guid[] ids)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        var versions = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Version);
        return [.. ids.Select(i => versions[i])];
    }

    private static Dictionary<Guid, (string Status, string From, string? To, string? Reason)> Rows(JsonObject view) =>
        view["cases"]!.AsArray().ToDictionary(
            r => r!["caseId"]!.GetValue<Guid>(),
            r => (r!["status"]!.GetValue<string>(), r["from"]!.GetValue<string>(), (string?)r["to"], (string?)r["reason"]));

    private static async Task PublishV2Async(Testing.StaffClient admin)
    {
        var v2 = Shipped("cross-jurisdiction", version: 2);
        Node(v2, "Handling")["label"] = "乡镇办理中";
        Assert.Equal(HttpStatusCode.Created, (await PublishAsync(admin.Http, v2)).StatusCode);
    }

    private static Task<HttpResponseMessage> PublishAsync(HttpClient http, JsonObject route) =>
        http.PostAsync("/api/routes", new StringContent(route.ToJsonString(), Encoding.UTF8, "application/json"));

    private static JsonObject Shipped(string id, int version)
    {
        var route = JsonNode.Parse(File.ReadAllText(RepoPaths.Data($"routes/{id}.v1.json")))!.AsObject();
        route["version"] = version;
        return route;
    }

    private static JsonObject Node(JsonObject route, string id) => route["nodes"]!.AsArray().Single(n => n!["id"]!.GetValue<string>() == id)!.AsObject();
}
