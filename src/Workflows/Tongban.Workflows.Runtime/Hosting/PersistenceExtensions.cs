using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tongban.Workflows.Runtime.Auditing;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Messaging;
using Tongban.Workflows.Runtime.Monitoring;
using Tongban.Workflows.Runtime.Organisation;
using Tongban.Workflows.Runtime.Persistence;
using Tongban.Workflows.Runtime.Telemetry;

namespace Tongban.Workflows.Runtime.Hosting;

/// <summary>Database provider names accepted in <c>Database:Provider</c>.</summary>
public static class DatabaseProviders
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";
    public const string SqlServer = "SqlServer";

    /// <summary>
    /// The options every <see cref="TongbanDbContext"/> of a provider gets, each with its own migrations assembly:
    /// the host's registration below and the tests' contexts built by hand.
    /// </summary>
    public static DbContextOptionsBuilder Use(this DbContextOptionsBuilder options, string provider, string connectionString) => provider switch
    {
        Sqlite => options.UseSqlite(connectionString, o => o.MigrationsAssembly("Tongban.Workflows.Migrations.Sqlite")),
        Postgres => options.UseNpgsql(connectionString, o => o.MigrationsAssembly("Tongban.Workflows.Migrations.Postgres")),
        SqlServer => options.UseSqlServer(connectionString, o => o.MigrationsAssembly("Tongban.Workflows.Migrations.SqlServer")),
        _ => throw new InvalidOperationException($"Database:Provider '{provider}' is not supported (use {Sqlite}, {Postgres} or {SqlServer})."),
    };
}

public static class PersistenceExtensions
{
    /// <summary>
    /// The workflow runtime and its database. The provider comes from configuration (Sqlite, Postgres, SqlServer),
    /// each with its own migrations assembly.
    /// </summary>
    public static IServiceCollection AddWorkflowRuntime(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration["Database:Provider"] ?? DatabaseProviders.Sqlite;
        var connectionString = configuration.GetConnectionString("Tongban")
            is { Length: > 0 } cs ? cs : throw new InvalidOperationException("ConnectionStrings:Tongban is not configured.");

        if (provider == DatabaseProviders.Sqlite) connectionString = PrepareSqlite(connectionString);
        if (provider == DatabaseProviders.Postgres) connectionString = TunePostgres(connectionString);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ItemVersionCache>();
        // The route files as loaded at first use (administrators' pages); the catalogue import reads them afresh.
        services.AddSingleton(_ => RouteDirectory.Load(DatabaseSetup.DataPath(configuration, "Routes:Directory", "routes"), RouteDirectory.VocabularyFrom(configuration)));
        services.AddCommitSignal<OutboxMessage>();
        services.AddBureauCounts();
        // After the running counts: transitions are counted once that interceptor has committed the save.
        services.AddEngineMetrics();
        Residents.ResidentNoticesExtensions.AddResidentNotices(services);
        services.AddScoped<CaseWorkflow>();
        services.AddPostAssignmentCache();
        services.AddTimeLimits();
        services.AddAuditTrail(RuntimeDirectory(provider, connectionString));
        // Pooled: a context is reset and reused rather than built with its own set of EF's internal services per scope.
        services.AddDbContextPool<TongbanDbContext>((sp, options) =>
        {
            options.Use(provider, connectionString);
            if (provider == DatabaseProviders.Sqlite) options.AddInterceptors(new SqliteBusyTimeout(TimeSpan.FromSeconds(30)));
            options.AddInterceptors(new AuditRecordMacs(sp.GetRequiredService<AuditChainKey>()));
            // Migrations are SQL scripts kept per provider (see docs/decisions.md), so there is no model snapshot
            // to compare with; a schema test compares migrated databases with the model instead.
            options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        });
        services.AddOptions<OutboxOptions>().BindConfiguration("Outbox");
        return services;
    }

    /// <summary>
    /// Where a process keeps what must live outside the database (the audit chain key, the generated key-ring
    /// certificate, the audit anchors): beside the SQLite file, else data/runtime under the working directory.
    /// </summary>
    public static string RuntimeDirectory(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return RuntimeDirectory(configuration["Database:Provider"] ?? DatabaseProviders.Sqlite, configuration.GetConnectionString("Tongban") ?? "");
    }

    private static string RuntimeDirectory(string provider, string connectionString)
    {
        var fallback = Path.GetFullPath(Path.Combine("data", "runtime"));
        if (provider != DatabaseProviders.Sqlite) return fallback;
        var builder = new SqliteConnectionStringBuilder(connectionString);
        return builder.DataSource is { Length: > 0 } file && file != ":memory:" && builder.Mode != SqliteOpenMode.Memory
            ? Path.GetDirectoryName(Path.GetFullPath(file))!
            : fallback;
    }

    /// <summary>
    /// Npgsql defaults for this engine, where the connection string does not say otherwise. Connections are
    /// returned to the pool without <c>DISCARD ALL</c> (the engine sets no session state: no temporary tables,
    /// session settings or session advisory locks), which was over two fifths of the statements PostgreSQL ran under load;
    /// the few dozen statements a step runs are prepared once per connection instead of parsed and planned each time.
    /// </summary>
    public static string TunePostgres(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!Says(connectionString, "No Reset On Close", "NoResetOnClose")) builder.NoResetOnClose = true;
        if (!Says(connectionString, "Max Auto Prepare", "MaxAutoPrepare")) builder.MaxAutoPrepare = 128;
        if (!Says(connectionString, "Auto Prepare Min Usages", "AutoPrepareMinUsages")) builder.AutoPrepareMinUsages = 2;
        return builder.ToString();
    }

    private static bool Says(string connectionString, params string[] keys) =>
        connectionString.Split(';').Select(part => part.Split('=')[0].Trim())
            .Any(key => keys.Any(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Creates the database file's folder; WAL lets the relay read while a transition writes.</summary>
    private static string PrepareSqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
            using var connection = new SqliteConnection(builder.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;";
            command.ExecuteNonQuery();
        }

        if (builder.DefaultTimeout < 30) builder.DefaultTimeout = 30;
        return builder.ToString();
    }
}
