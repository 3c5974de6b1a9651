using Npgsql;
using Tongban.Workflows.Runtime.Hosting;

namespace Tongban.Integration.Tests.Persistence;

/// <summary>The engine's Npgsql defaults (pure): applied where the connection string is silent, never over what it says.</summary>
public sealed class PostgresTuningTests
{
    [Fact]
    public void A_plain_connection_string_gets_statements_prepared_and_no_reset_on_close()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PersistenceExtensions.TunePostgres("Host=db;Database=tongban;Username=tongban"));
        Assert.True(tuned.NoResetOnClose);
        Assert.Equal(128, tuned.MaxAutoPrepare);
        Assert.Equal(2, tuned.AutoPrepareMinUsages);
        Assert.Equal(("db", "tongban"), (tuned.Host, tuned.Database));
    }

    [Fact]
    public void What_the_operator_wrote_is_kept_in_either_spelling()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PersistenceExtensions.TunePostgres("Host=db;No Reset On Close=false;maxautoprepare=0;Auto Prepare Min Usages=5"));
        Assert.False(tuned.NoResetOnClose);
        Assert.Equal(0, tuned.MaxAutoPrepare);
        Assert.Equal(5, tuned.AutoPrepareMinUsages);
    }
}
