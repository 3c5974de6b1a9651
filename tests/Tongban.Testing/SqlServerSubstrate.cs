using Microsoft.Data.SqlClient;

namespace Tongban.Testing;

/// <summary>
/// A SQL Server for the provider-parameterised tests, when <c>TONGBAN_TEST_SQLSERVER</c> names one (a connection string
/// of a login that may create databases). None can be installed on the project's machines, so without it those tests
/// are skipped and scripts/test.sh says so; the offline SQL Server checks run regardless.
/// </summary>
public static class SqlServerSubstrate
{
    public const string Variable = "TONGBAN_TEST_SQLSERVER";

    public static string? Admin => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } cs ? cs : null;

    public static bool Available => Admin is not null;

    public static string SkipReason => $"{Variable} is not set: no SQL Server to run against (see README, \"SQL Server\")";

    /// <summary>
    /// Creates a database with READ_COMMITTED_SNAPSHOT on (readers see the last commit instead of waiting for
    /// writers, as on PostgreSQL; the README asks the same of a county's database) and returns its connection string.
    /// </summary>
    public static async Task<string> CreateDatabaseAsync(string name)
    {
        await AdminAsync($"CREATE DATABASE [{name}]");
        await AdminAsync($"ALTER DATABASE [{name}] SET READ_COMMITTED_SNAPSHOT ON WITH ROLLBACK IMMEDIATE");
        return new SqlConnectionStringBuilder(Required()) { InitialCatalog = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string name)
    {
        SqlConnection.ClearAllPools();
        await AdminAsync($"IF DB_ID(N'{name}') IS NOT NULL BEGIN ALTER DATABASE [{name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{name}]; END");
    }

    private static async Task AdminAsync(string sql)
    {
        await using var connection = new SqlConnection(Required());
        await connection.OpenAsync();
        await using var command = new SqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string Required() => Admin ?? throw new InvalidOperationException(SkipReason);
}
