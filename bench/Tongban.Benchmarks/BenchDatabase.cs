using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Tongban.Testing;
using Tongban.Workflows.Runtime.Hosting;

namespace Tongban.Benchmarks;

/// <summary>A fresh PostgreSQL database with the schema, catalogue, calendars and demo county; dropped afterwards.</summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string _admin;

    private BenchDatabase(string admin, string name, string connectionString)
    {
        _admin = admin;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 50 }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<BenchDatabase> CreateAsync(string prefix)
    {
        var admin = Environment.GetEnvironmentVariable("TONGBAN_BENCH_POSTGRES") ?? Environment.GetEnvironmentVariable("TONGBAN_TEST_POSTGRES")
            ?? throw new InvalidOperationException("Set TONGBAN_BENCH_POSTGRES (an Npgsql connection string of a user that may create databases).");
        var name = $"{prefix}_{Guid.NewGuid():N}"[..24];
        var db = new BenchDatabase(admin, name, await Substrate.CreateDatabaseAsync(name, admin));
        using var host = db.Host();
        await DatabaseSetup.RunAsync(host.Services, new(Migrate: true, ImportCatalog: true, SeedDemo: true));
        return db;
    }

    /// <summary>A node's composition (the workflow runtime, its timers and sweeper) over this database.</summary>
    public IHost Host(TimeProvider? clock = null, params (string Key, string Value)[] settings) =>
        RuntimeHost(DatabaseProviders.Postgres, ConnectionString, clock, settings);

    /// <summary>A node's composition over any database, with the repository's catalogue, calendars and demo county.</summary>
    public static IHost RuntimeHost(string provider, string connectionString, TimeProvider? clock = null, params (string Key, string Value)[] settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:Tongban"] = connectionString,
            ["Catalog:Path"] = RepoPaths.Data("catalog.json"),
            ["Calendars:Path"] = RepoPaths.Data("calendars"),
            ["Routes:Directory"] = RepoPaths.Data("routes"),
            // The demo county's departments (县残联, 县民政局), as the gateway's appsettings.json lists them.
            ["Routes:Departments:0"] = "cjl",
            ["Routes:Departments:1"] = "mzj",
            ["Demo:CountyPath"] = RepoPaths.Data("demo-county.json"),
        });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddWorkflowRuntime(builder.Configuration);
        if (clock is not null) builder.Services.AddSingleton(clock);
        return builder.Build();
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 1200 };
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync() => await Substrate.DropDatabaseAsync(Name, _admin);

    public static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() : null;
        return $"{Environment.ProcessorCount} cores ({cpu ?? "unknown CPU"}), .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}";
    }

    /// <summary>"p50 | p95 | p99" for a Markdown row.</summary>
    public static string Percentiles(List<double> samples) =>
        $"{Load.Reporting.Percentiles.Of(samples, 50):F1} | {Load.Reporting.Percentiles.Of(samples, 95):F1} | {Load.Reporting.Percentiles.Of(samples, 99):F1}";

    public static async Task<double> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed.TotalMilliseconds;
    }
}
