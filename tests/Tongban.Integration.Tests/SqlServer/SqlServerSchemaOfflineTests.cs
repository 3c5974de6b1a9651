using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Tongban.Workflows.Runtime.Hosting;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Integration.Tests.SqlServer;

/// <summary>
/// What can be known about SQL Server without one (none can be installed where this project is built): the model
/// builds for it, its migrations assembly has every migration the other providers have and generates a script that
/// parses as T-SQL, and the schema that script leaves behind is the model's — tables, columns, types, nullability,
/// identity, keys, indexes with their filters, foreign keys. <see cref="Distributed.SchemaTests"/> compares a real
/// migrated database with the model when TONGBAN_TEST_SQLSERVER names a server.
/// </summary>
public sealed class SqlServerSchemaOfflineTests
{
    /// <summary>In the migrations but deliberately not in the model (the audit trail's TRUNCATE guard; triggers are not compared).</summary>
    private static readonly HashSet<string> OnlyInMigrations = ["audit_records_truncate_guard", "__EFMigrationsHistory"];

    [Fact]
    public void The_model_builds_for_sql_server_and_its_create_script_parses()
    {
        using var db = Context(DatabaseProviders.SqlServer);
        var script = db.Database.GenerateCreateScript();
        TSql.Parse(script);
        Assert.Contains("CREATE TABLE [cases]", script, StringComparison.Ordinal);
        Assert.Contains("[At] datetimeoffset NOT NULL", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Sql_server_can_index_every_key_the_model_asks_for()
    {
        // SQL Server cannot index nvarchar(max), and caps index keys at 1,700 bytes (900 for the clustered primary key).
        using var db = Context(DatabaseProviders.SqlServer);
        foreach (var table in db.Model.GetRelationalModel().Tables)
        {
            var keys = table.Indexes.Select(i => (i.Name, i.Columns, Limit: 1700))
                .Append((table.PrimaryKey!.Name, table.PrimaryKey.Columns, Limit: 900));
            foreach (var (name, columns, limit) in keys)
            {
                Assert.DoesNotContain(columns, c => c.StoreType.Contains("(max)", StringComparison.Ordinal));
                var bytes = columns.Sum(c => KeyBytes(c.StoreType));
                Assert.True(bytes <= limit, $"{table.Name}.{name}: key of {bytes} bytes");
            }
        }
    }

    [Fact]
    public void The_sql_server_migrations_are_the_same_as_the_other_providers()
    {
        using var sqlServer = Context(DatabaseProviders.SqlServer);
        using var postgres = Context(DatabaseProviders.Postgres);
        using var sqlite = Context(DatabaseProviders.Sqlite);
        var ids = sqlServer.Database.GetMigrations().ToList();
        Assert.NotEmpty(ids);
        Assert.Equal(postgres.Database.GetMigrations(), ids);
        Assert.Equal(sqlite.Database.GetMigrations(), ids);
    }

    [Fact]
    public void The_migration_script_generates_parses_and_builds_the_schema_of_the_model()
    {
        using var db = Context(DatabaseProviders.SqlServer);
        var script = db.GetService<IMigrator>().GenerateScript();
        foreach (var id in db.Database.GetMigrations()) Assert.Contains($"N'{id}'", script, StringComparison.Ordinal);

        var migrated = TSql.SchemaOf(TSql.Parse(script), OnlyInMigrations);
        var model = TSql.SchemaOf(db.Model);
        Assert.Equal(model, migrated);
    }

    [Theory]
    [InlineData("[PostId] nvarchar(60) NOT NULL,\n    [ItemCode] nvarchar(40) NOT NULL,\n    [Band]", "[PostId] nvarchar(61) NOT NULL,\n    [ItemCode] nvarchar(40) NOT NULL,\n    [Band]")]
    [InlineData("[ClockStopReason] nvarchar(200) NULL", "[ClockStopReason] nvarchar(200) NOT NULL")]
    [InlineData("CREATE INDEX [IX_cases_CountedUntil] ON [cases] ([CountedUntil]);", "")]
    [InlineData("WHERE [FiredAt] IS NULL;", ";")]
    [InlineData("CREATE UNIQUE INDEX [IX_outbox_MessageId]", "CREATE INDEX [IX_outbox_MessageId]")]
    [InlineData("ON DELETE CASCADE", "")]
    public void The_comparison_notices_a_script_that_differs_from_the_model(string part, string replacement)
    {
        using var db = SqlServerSchemaOfflineTests.Context(DatabaseProviders.SqlServer);
        var script = db.GetService<IMigrator>().GenerateScript();
        Assert.Contains(part, script, StringComparison.Ordinal);
        var changed = script.Replace(part, replacement, StringComparison.Ordinal);
        Assert.NotEqual(TSql.SchemaOf(db.Model), TSql.SchemaOf(TSql.Parse(changed), OnlyInMigrations));
    }

    [Fact]
    public void The_audit_trail_guards_are_created_and_the_model_knows_its_triggers()
    {
        using var db = Context(DatabaseProviders.SqlServer);
        var script = db.GetService<IMigrator>().GenerateScript();
        var triggers = TSql.Statements(TSql.Parse(script)).OfType<Microsoft.SqlServer.TransactSql.ScriptDom.CreateTriggerStatement>()
            .Select(t => t.Name.BaseIdentifier.Value).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["audit_records_no_change", "audit_records_retention"], triggers);
        // EF must not read back inserted or updated audit rows with OUTPUT, which SQL Server refuses on a table with triggers.
        var audit = db.Model.FindEntityType(typeof(Workflows.Runtime.Auditing.AuditRecord))!;
        Assert.Equal(triggers, audit.GetDeclaredTriggers().Select(t => t.ModelName).Order(StringComparer.Ordinal));
        Assert.Matches(new Regex(@"FOREIGN KEY \(\[Sequence\]\) REFERENCES \[audit_records\]"), script);
    }

    /// <summary>A context for a provider that never connects: the connection strings name nothing that exists.</summary>
    internal static TongbanDbContext Context(string provider)
    {
        var options = new DbContextOptionsBuilder<TongbanDbContext>();
        options.Use(provider, provider switch
        {
            DatabaseProviders.SqlServer => "Server=sqlserver.invalid;Database=tongban;Integrated Security=false;User ID=x;Password=x;Encrypt=false",
            DatabaseProviders.Postgres => "Host=postgres.invalid;Database=tongban",
            _ => "Data Source=offline-check-not-created.db",
        }).ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        return new(options.Options);
    }

    private static int KeyBytes(string storeType) => storeType switch
    {
        "uniqueidentifier" => 16,
        "datetimeoffset" => 10,
        "bigint" => 8,
        "int" => 4,
        "bit" => 1,
        "date" => 3,
        _ when storeType.StartsWith("nvarchar(", StringComparison.Ordinal) => 2 * int.Parse(storeType[9..^1], System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException($"no key size known for {storeType}"),
    };
}
