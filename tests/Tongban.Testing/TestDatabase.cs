namespace Tongban.Testing;

/// <summary>
/// The database of one provider-parameterised test: SQLite (the embedded app's own file: no settings), or a fresh
/// PostgreSQL or SQL Server database, dropped again on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string provider, string name, string? connectionString)
    {
        Provider = provider;
        Name = name;
        ConnectionString = connectionString;
    }

    /// <summary>As in <c>Database:Provider</c>: Sqlite, Postgres or SqlServer.</summary>
    public string Provider { get; }

    public string Name { get; }

    /// <summary>Null for SQLite, whose file the host under test chooses.</summary>
    public string? ConnectionString { get; }

    /// <summary>The settings that point a host at this database (none for SQLite).</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings => ConnectionString is null ? [] :
        [new("Database:Provider", Provider), new("ConnectionStrings:Tongban", ConnectionString)];

    public static async Task<TestDatabase> CreateAsync(string provider, string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 40)];
        return provider switch
        {
            "Sqlite" => new TestDatabase(provider, name, null),
            "Postgres" => new TestDatabase(provider, name, await Substrate.CreateDatabaseAsync(name)),
            "SqlServer" => new TestDatabase(provider, name, await SqlServerSubstrate.CreateDatabaseAsync(name)),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Sqlite, Postgres or SqlServer"),
        };
    }

    public async ValueTask DisposeAsync()
    {
        if (Provider == "Postgres") await Substrate.DropDatabaseAsync(Name);
        else if (Provider == "SqlServer") await SqlServerSubstrate.DropDatabaseAsync(Name);
    }
}
