using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Tongban.Workflows.Runtime.Hosting;

namespace Tongban.Benchmarks;

/// <summary>A fresh PostgreSQL database with the schema, catalogue, calendars and demo county; dropped afterwards.</summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string _admin;

    private BenchDatabase(string admin, string name)
    {
        _admin = admin;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 50 }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<BenchDatabase> CreateAsync(string prefix)
    {
        var admin = Environment.GetEnvironmentVariable("TONGBAN_BENCH_POSTGRES") ?? Environment.GetEnvironmentVariable("TONGBAN_TEST_POSTGRES")
            ?? throw new InvalidOperationException("Set TONGBAN_BENCH_POSTGRES (an Npgsql connection string of a user that may create databases).");
        var db = new BenchDatabase(admin, $"{prefix}_{Guid.NewGuid():N}"[..24]);
        await db.ExecuteAdminAsync($"CREATE DATABASE \"{db.Name}\"");
        using var host = db.Host();
        await DatabaseSetup.RunAsync(host.Services, new(Migrate: true, ImportCatalog: true, SeedDemo: true));
        return db;
    }

    /// <summary>A node's composition (the workflow runtime, its timers and sweeper) over this database.</summary>
    public IHost Host(TimeProvider? clock = null, params (string Key, string Value)[] settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        var data = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "data");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = DatabaseProviders.Postgres,
            ["ConnectionStrings:Tongban"] = ConnectionString,
            ["Catalog:Path"] = Path.Combine(data, "catalog.json"),
            ["Calendars:Path"] = Path.Combine(data, "calendars"),
            ["Demo:CountyPath"] = Path.Combine(data, "demo-county.json"),
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

    private async Task ExecuteAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAdminAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    public static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() : null;
        return $"{Environment.ProcessorCount} cores ({cpu ?? "unknown CPU"}), .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}";
    }

    public static string Percentiles(List<double> samples)
    {
        samples.Sort();
        double P(double p) => samples[Math.Min(samples.Count - 1, (int)Math.Ceiling(p * samples.Count) - 1)];
        return $"{P(0.5):F1} | {P(0.95):F1} | {P(0.99):F1}";
    }

    public static async Task<double> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed.TotalMilliseconds;
    }
}
