using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tongban.Integration.Tests.Infrastructure;
using Tongban.Workflows.Catalog;
using Tongban.Workflows.Routes;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Persistence;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.Embedded;

/// <summary>Editing the catalogue makes a new item version; running cases keep the one they started with.</summary>
public sealed class CatalogVersionTests : IAsyncLifetime
{
    private readonly EmbeddedApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_changed_item_gets_a_new_version_and_a_running_case_stays_on_its_own()
    {
        var clerk = await _app.LoginAsync("dongmen.clerk");
        var specialist = await _app.LoginAsync("dongmen.specialist");
        var township = await _app.LoginAsync("hexi.backoffice");
        var running = IdOf(await clerk.OpenCaseAsync());

        // The county makes the bank card essential for 高龄津贴 and re-imports the file; an unchanged re-import adds nothing.
        var edited = JsonNode.Parse(await File.ReadAllTextAsync(RepoPaths.Data("catalog.json")))!;
        var item = edited["items"]!.AsArray().Single(i => i!["code"]!.GetValue<string>() == "QS-MZ-001")!;
        item["materials"]!.AsArray().Single(m => m!["code"]!.GetValue<string>() == "BANK_CARD")!["essential"] = true;
        var catalog = CatalogFile.Parse(edited.ToJsonString());
        Assert.Equal(new CatalogImporter.Result(1, catalog.Items.Count - 1), await ImportAsync(catalog));
        Assert.Equal(new CatalogImporter.Result(0, catalog.Items.Count), await ImportAsync(catalog));

        var current = await clerk.Http.GetFromJsonAsync<JsonObject>("/api/catalog/QS-MZ-001");
        Assert.Equal(2, current!["version"]!.GetValue<int>());

        // A new case needs the bank card now and runs on version 2 …
        var missingCard = await clerk.Http.PostAsJsonAsync("/api/cases", IntakeBody());
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, missingCard.StatusCode);
        var newer = await clerk.OpenCaseAsync(IntakeBody(materials: ["ID", "HUKOU", "FORM", "BANK_CARD"]));
        Assert.Equal("QS-MZ-001@v2", newer["definitionId"]!.GetValue<string>());

        // … while the running case finishes on version 1.
        await specialist.WaitForStateAsync(running, "AtSpecialist");
        await specialist.DoAsync(running, "forward");
        await township.WaitForStateAsync(running, "AwaitingSignFor");
        var signed = await township.DoAsync(running, "sign-for");
        Assert.Equal("QS-MZ-001@v1", signed["definitionId"]!.GetValue<string>());
        Assert.Equal(1, signed["itemVersion"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_changed_route_file_makes_new_versions_of_every_item_on_it_and_a_running_case_stays_on_its_own()
    {
        var clerk = await _app.LoginAsync("dongmen.clerk");
        var specialist = await _app.LoginAsync("dongmen.specialist");
        var running = IdOf(await clerk.OpenCaseAsync());
        var catalog = CatalogFile.Parse(await File.ReadAllTextAsync(RepoPaths.Data("catalog.json")));

        // The county renames the township's handling node of the cross-jurisdiction route; nothing else changes.
        var route = JsonNode.Parse(await File.ReadAllTextAsync(RepoPaths.Data("routes/cross-jurisdiction.v1.json")))!;
        route["nodes"]!.AsArray().Single(n => n!["id"]!.GetValue<string>() == "Handling")!["label"] = "乡镇办理中";
        string[] others = ["window-immediate.v1.json", "disability-care.v1.json", "subsistence-allowance.v1.json", "joint-handling.v1.json"];
        var edited = RouteLibrary.FromFiles(
            [("cross-jurisdiction.v1.json", route.ToJsonString()), .. await Task.WhenAll(others.Select(async f => (f, await File.ReadAllTextAsync(RepoPaths.Data($"routes/{f}")))))],
            Departments);

        var crossItems = catalog.Items.Count(i => i.Route == "cross-jurisdiction@1");
        Assert.Equal(new CatalogImporter.Result(crossItems, catalog.Items.Count - crossItems), await ImportAsync(catalog, edited));
        Assert.Equal(new CatalogImporter.Result(0, catalog.Items.Count), await ImportAsync(catalog, edited));

        var newer = await clerk.OpenCaseAsync();
        Assert.Equal("QS-MZ-001@v2", newer["definitionId"]!.GetValue<string>());
        await specialist.WaitForStateAsync(running, "AtSpecialist");
        var forwarded = await specialist.DoAsync(running, "forward");
        Assert.Equal("QS-MZ-001@v1", forwarded["definitionId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_bad_route_file_stops_the_import_naming_the_file_and_node()
    {
        var folder = Directory.CreateTempSubdirectory("tongban-routes-").FullName;
        try
        {
            var route = JsonNode.Parse(await File.ReadAllTextAsync(RepoPaths.Data("routes/window-immediate.v1.json")))!;
            route["nodes"]!.AsArray().Single(n => n!["id"]!.GetValue<string>() == "Delivered")!["steps"] = new JsonArray("evaluate", "teleport");
            await File.WriteAllTextAsync(Path.Combine(folder, "window-immediate.v1.json"), route.ToJsonString());

            var error = await Assert.ThrowsAsync<FormatException>(() => RouteDirectory.LoadAsync(folder, RouteVocabulary.None, CancellationToken.None));

            Assert.Contains("window-immediate.v1.json: node Delivered: unknown step kind 'teleport'", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The demo county's departments (县残联, 县民政局), as appsettings.json lists them.</summary>
    private static readonly RouteVocabulary Departments = new(new HashSet<string>(["cjl", "mzj"], StringComparer.Ordinal));

    private async Task<CatalogImporter.Result> ImportAsync(CatalogFile catalog, RouteLibrary? routes = null)
    {
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        routes ??= await RouteDirectory.LoadAsync(RepoPaths.Data("routes"), Departments, CancellationToken.None);
        var result = await CatalogImporter.ImportAsync(db, catalog, routes, TimeProvider.System.GetUtcNow(), CancellationToken.None);
        Assert.Equal(1, await db.ItemVersions.CountAsync(v => v.Code == "QS-MZ-001" && v.IsCurrent));
        return result;
    }
}
