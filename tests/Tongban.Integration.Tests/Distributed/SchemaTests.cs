using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Tongban.Integration.Tests.Infrastructure;
using Tongban.Workflows.Runtime.Hosting;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Integration.Tests.Distributed;

/// <summary>
/// Migrations are hand-kept SQL scripts (EF's design-time package cannot be restored here). This guards them:
/// a database built by the migrations must have exactly the schema the EF model describes, on each provider (SQL
/// Server when TONGBAN_TEST_SQLSERVER names one; SqlServer/SqlServerSchemaOfflineTests checks its script without one).
/// </summary>
public sealed class SchemaTests
{
    [Fact]
    public async Task Sqlite_migrations_build_the_schema_of_the_model()
    {
        var migrated = Path.Combine(Path.GetTempPath(), $"schema-m-{Guid.NewGuid():N}.db");
        var created = Path.Combine(Path.GetTempPath(), $"schema-c-{Guid.NewGuid():N}.db");
        try
        {
            await using (var db = Sqlite(migrated)) await db.Database.MigrateAsync();
            await using (var db = Sqlite(created)) await db.Database.EnsureCreatedAsync();
            Assert.Equal(await SqliteSchemaAsync(created), await SqliteSchemaAsync(migrated));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(migrated);
            File.Delete(created);
        }
    }

    [Fact]
    public async Task Postgres_migrations_build_the_schema_of_the_model()
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var migrated = await Substrate.CreateDatabaseAsync($"schema_m_{suffix}");
        var created = await Substrate.CreateDatabaseAsync($"schema_c_{suffix}");
        try
        {
            await using (var db = Postgres(migrated)) await db.Database.MigrateAsync();
            await using (var db = Postgres(created)) await db.Database.EnsureCreatedAsync();
            Assert.Equal(await PostgresSchemaAsync(created), await PostgresSchemaAsync(migrated));
        }
        finally
        {
            await Substrate.DropDatabaseAsync($"schema_m_{suffix}");
            await Substrate.DropDatabaseAsync($"schema_c_{suffix}");
        }
    }

    [SqlServerFact]
    public async Task SqlServer_migrations_build_the_schema_of_the_model()
    {
        await using var migrated = await TestDatabase.CreateAsync(DatabaseProviders.SqlServer, "schema_m");
        await using var created = await TestDatabase.CreateAsync(DatabaseProviders.SqlServer, "schema_c");
        await using (var db = Context(DatabaseProviders.SqlServer, migrated.ConnectionString!)) await db.Database.MigrateAsync();
        await using (var db = Context(DatabaseProviders.SqlServer, created.ConnectionString!)) await db.Database.EnsureCreatedAsync();
        Assert.Equal(await SqlServerSchemaAsync(created.ConnectionString!), await SqlServerSchemaAsync(migrated.ConnectionString!));
    }

    private static TongbanDbContext Context(string provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<TongbanDbContext>();
        options.Use(provider, connectionString).ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        return new(options.Options);
    }

    private static async Task<List<string>> SqlServerSchemaAsync(string connectionString)
    {
        await using var connection = new SqlConnection(connectionString);
        await connection.OpenAsync();
        // Tables, columns, indexes (with filters) and foreign keys. Triggers and the audit trail's TRUNCATE guard live
        // only in the migrations, and default constraints are named by the server when EF creates them: not compared.
        await using var command = new SqlCommand(
            """
            SELECT 'column ' + c.TABLE_NAME + '.' + c.COLUMN_NAME + ' ' + c.DATA_TYPE + ' ' + c.IS_NULLABLE + ' '
                   + COALESCE(CAST(c.CHARACTER_MAXIMUM_LENGTH AS nvarchar(20)), '') + ' identity=' + CAST(COLUMNPROPERTY(OBJECT_ID(c.TABLE_NAME), c.COLUMN_NAME, 'IsIdentity') AS nvarchar(1))
            FROM INFORMATION_SCHEMA.COLUMNS c WHERE c.TABLE_NAME NOT LIKE '\_\_EF%' ESCAPE '' AND c.TABLE_NAME <> 'audit_records_truncate_guard'
            UNION ALL
            SELECT 'index ' + t.name + '.' + i.name + ' unique=' + CAST(i.is_unique AS nvarchar(1)) + ' pk=' + CAST(i.is_primary_key AS nvarchar(1))
                   + ' filter=' + COALESCE(i.filter_definition, '') + ' (' + STRING_AGG(col.name, ',') WITHIN GROUP (ORDER BY ic.key_ordinal) + ')'
            FROM sys.indexes i JOIN sys.tables t ON t.object_id = i.object_id
            JOIN sys.index_columns ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id
            JOIN sys.columns col ON col.object_id = ic.object_id AND col.column_id = ic.column_id
            WHERE i.name IS NOT NULL AND t.name NOT LIKE '\_\_EF%' ESCAPE '' AND t.name <> 'audit_records_truncate_guard'
            GROUP BY t.name, i.name, i.is_unique, i.is_primary_key, i.filter_definition
            UNION ALL
            SELECT 'foreign key ' + f.name + ' ' + OBJECT_NAME(f.parent_object_id) + ' -> ' + OBJECT_NAME(f.referenced_object_id) + ' ' + f.delete_referential_action_desc
            FROM sys.foreign_keys f WHERE OBJECT_NAME(f.parent_object_id) <> 'audit_records_truncate_guard'
            ORDER BY 1
            """, connection);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }

    private static TongbanDbContext Sqlite(string file) => new(new DbContextOptionsBuilder<TongbanDbContext>()
        .UseSqlite($"Data Source={file}", o => o.MigrationsAssembly("Tongban.Workflows.Migrations.Sqlite"))
        .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning)).Options);

    private static TongbanDbContext Postgres(string connectionString) => new(new DbContextOptionsBuilder<TongbanDbContext>()
        .UseNpgsql(connectionString, o => o.MigrationsAssembly("Tongban.Workflows.Migrations.Postgres"))
        .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning)).Options);

    private static async Task<List<string>> SqliteSchemaAsync(string file)
    {
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        // Compared by structure, not DDL text: SQLite stores an ALTER TABLE … ADD COLUMN as edited CREATE text, and
        // column order differs from a fresh CREATE. Triggers (the audit trail's append-only guards) live only in the
        // migrations; EF's model has none.
        command.CommandText =
            """
            SELECT 'column ' || m.name || '.' || p.name || ' ' || p.type || ' notnull=' || p."notnull" || ' pk=' || p.pk
            FROM sqlite_master m JOIN pragma_table_info(m.name) p
            WHERE m.type = 'table' AND m.name NOT LIKE '\_\_EF%' ESCAPE '\' AND m.name NOT LIKE 'sqlite_%'
            UNION ALL
            SELECT 'index ' || m.name || '.' || l.name || ' unique=' || l."unique" || ' (' || (SELECT group_concat(i.name, ',') FROM pragma_index_info(l.name) i) || ')'
            FROM sqlite_master m JOIN pragma_index_list(m.name) l
            WHERE m.type = 'table' AND m.name NOT LIKE '\_\_EF%' ESCAPE '\' AND m.name NOT LIKE 'sqlite_%'
            ORDER BY 1
            """;
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }

    private static async Task<List<string>> PostgresSchemaAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // Tables, columns, indexes and constraints only: triggers and their functions (the audit trail's guards)
        // live only in the migrations, so they are deliberately not compared.
        await using var command = new NpgsqlCommand(
            """
            SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(character_maximum_length::text, '') || ' ' || coalesce(is_identity, '')
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '\_\_EF%'
            UNION ALL
            SELECT 'index ' || indexname || ': ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT LIKE '\_\_EF%'
            UNION ALL
            SELECT 'constraint ' || conname || ': ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT LIKE '"\_\_EF%'
            ORDER BY 1
            """, connection);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }
}
