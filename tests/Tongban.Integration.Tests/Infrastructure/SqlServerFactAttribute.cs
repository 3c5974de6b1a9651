namespace Tongban.Integration.Tests.Infrastructure;

/// <summary>
/// A test that runs against the SQL Server named by <c>TONGBAN_TEST_SQLSERVER</c>, and is skipped, with that reason,
/// where none is given (none can be installed on the project's own machines).
/// </summary>
public sealed class SqlServerFactAttribute : FactAttribute
{
    public SqlServerFactAttribute()
    {
        if (!SqlServerSubstrate.Available) Skip = SqlServerSubstrate.SkipReason;
    }
}
