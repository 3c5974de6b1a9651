using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tongban.Workflows.Catalog;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Organisation;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Runtime.Hosting;

/// <summary>
/// Brings a database up to date: migrations, the catalogue file, and (embedded/demo) the demo county.
/// Embedded mode runs it on start; distributed mode runs it once with the <c>migrate</c> command.
/// </summary>
public static class DatabaseSetup
{
    public sealed record Steps(bool Migrate, bool ImportCatalog, bool SeedDemo);

    public static Steps OnStart(IConfiguration configuration) => new(
        configuration.GetValue("Database:MigrateOnStart", false),
        configuration.GetValue("Catalog:ImportOnStart", false),
        configuration.GetValue("Demo:SeedOnStart", false));

    public static async Task RunAsync(IServiceProvider services, Steps steps, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<TongbanDbContext>();
        var configuration = sp.GetRequiredService<IConfiguration>();
        var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseSetup));
        var clock = sp.GetRequiredService<TimeProvider>();

        if (steps.Migrate)
        {
            await db.Database.MigrateAsync(ct);
            logger.LogInformation("Database migrated ({Provider})", db.Database.ProviderName);
        }

        if (steps.ImportCatalog)
        {
            var routesFolder = DataPath(configuration, "Routes:Directory", "routes");
            var routes = await RouteDirectory.LoadAsync(routesFolder, RouteDirectory.VocabularyFrom(configuration), ct);
            logger.LogInformation("Routes {Path}: {Count} route versions", routesFolder, routes.All.Count);
            var path = DataPath(configuration, "Catalog:Path", "catalog.json");
            var result = await CatalogImporter.ImportAsync(db, CatalogFile.Parse(await File.ReadAllTextAsync(path, ct)), routes, clock.GetUtcNow(), ct);
            logger.LogInformation("Catalogue {Path}: {Added} new item versions, {Unchanged} unchanged", path, result.Added, result.Unchanged);
        }

        if (steps.ImportCatalog)
        {
            // The official holiday schedules ship with the catalogue data; later years can also be loaded at run time.
            var loader = sp.GetRequiredService<HolidayScheduleLoader>();
            var folder = DataPath(configuration, "Calendars:Path", "calendars");
            foreach (var file in (Directory.Exists(folder) ? Directory.GetFiles(folder, "*.json") : []).Order(StringComparer.Ordinal))
            {
                var result = await loader.LoadAsync(await File.ReadAllTextAsync(file, ct), "data-file", ct);
                if (result.Changed) logger.LogInformation("Holiday schedule {File} loaded; {Count} provisional deadlines recomputed", Path.GetFileName(file), result.Recomputed);
            }
        }

        if (steps.SeedDemo)
        {
            var path = DataPath(configuration, "Demo:CountyPath", "demo-county.json");
            var added = await CountyFile.Parse(await File.ReadAllTextAsync(path, ct)).SeedAsync(db, ct);
            logger.LogInformation("Demo county {Path}: {Added} rows added", path, added);
        }
    }

    /// <summary>Data files ship next to the binaries (data/); configuration may point elsewhere.</summary>
    public static string DataPath(IConfiguration configuration, string key, string fileName) =>
        configuration[key] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, AppContext.BaseDirectory)
            : Path.Combine(AppContext.BaseDirectory, "data", fileName);
}
