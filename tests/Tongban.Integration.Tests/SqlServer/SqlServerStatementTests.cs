using Microsoft.EntityFrameworkCore;
using Tongban.UseCases.People;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Hosting;
using Tongban.Workflows.Runtime.Messaging;
using Tongban.Workflows.Runtime.Monitoring;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Integration.Tests.SqlServer;

/// <summary>
/// Each statement the engine writes by hand for SQL Server (where PostgreSQL has FOR UPDATE SKIP LOCKED, RETURNING,
/// ON CONFLICT, LOCK TABLE, COPY), as the engine produces it: it parses as T-SQL, it takes the locks it must, and it
/// names only columns the model has. Whether it then behaves under concurrency is for the provider-parameterised
/// integration tests on a real server (TONGBAN_TEST_SQLSERVER).
/// </summary>
public sealed class SqlServerStatementTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_outbox_claim_skips_locked_rows_and_returns_the_claimed_ones()
    {
        using var db = SqlServerSchemaOfflineTests.Context(DatabaseProviders.SqlServer);
        var sql = OutboxRelay.ClaimOnSqlServer(db, Guid.NewGuid(), Now.AddSeconds(30), Now, 200).ToQueryString();
        var parsed = TSql.ParseQuery(sql);
        Assert.Equal(["UPDLOCK", "READPAST", "ROWLOCK"], TSql.TableHints(parsed));
        Assert.Contains("OUTPUT inserted.*", sql, StringComparison.Ordinal);
        Assert.Contains("SELECT TOP (@", sql, StringComparison.Ordinal);
        AssertColumnsOf(db, "outbox", parsed);
    }

    [Fact]
    public void The_timer_claim_marks_fired_what_it_locks_and_skips_what_others_hold()
    {
        using var db = SqlServerSchemaOfflineTests.Context(DatabaseProviders.SqlServer);
        var sql = TimerSweeper.ClaimAndMarkOnSqlServer(db, Now, 100).ToQueryString();
        var parsed = TSql.ParseQuery(sql);
        Assert.Equal(["UPDLOCK", "READPAST", "ROWLOCK"], TSql.TableHints(parsed));
        Assert.Contains("""UPDATE batch SET "FiredAt" = @""", sql, StringComparison.Ordinal);
        Assert.Contains("OUTPUT inserted.*", sql, StringComparison.Ordinal);
        AssertColumnsOf(db, "case_timers", parsed);
    }

    [Fact]
    public void A_save_locks_its_cases_counted_bands_with_update_locks()
    {
        using var db = SqlServerSchemaOfflineTests.Context(DatabaseProviders.SqlServer);
        var sql = BureauCounts.LockOnSqlServerSql(3);
        var parsed = TSql.ParseRaw(sql);
        Assert.Equal(["UPDLOCK", "ROWLOCK"], TSql.TableHints(parsed));
        Assert.Contains("""WHERE "Id" IN ({0}, {1}, {2}) ORDER BY "Id""", sql, StringComparison.Ordinal);
        AssertColumnsOf(db, "cases", parsed);
    }

    [Fact]
    public void Count_deltas_are_merged_one_row_at_a_time_in_key_order_under_holdlock()
    {
        using var db = SqlServerSchemaOfflineTests.Context(DatabaseProviders.SqlServer);
        var sql = BureauCounts.MergeSql(3);
        var parsed = TSql.ParseRaw(sql);
        var merges = parsed.Batches.SelectMany(b => b.Statements).OfType<Microsoft.SqlServer.TransactSql.ScriptDom.MergeStatement>().ToList();
        Assert.Equal(3, merges.Count);
        Assert.Equal(["HOLDLOCK", "HOLDLOCK", "HOLDLOCK"], TSql.TableHints(parsed));
        // The i-th MERGE carries the i-th delta's four parameters, so rows are locked in the order given (key order).
        for (var i = 0; i < 3; i++) Assert.Contains($"({{{4 * i}}}, {{{4 * i + 1}}}, {{{4 * i + 2}}}, {{{4 * i + 3}}})", sql.Split("MERGE")[i + 1], StringComparison.Ordinal);
        AssertColumnsOf(db, "bureau_counts", parsed);
    }

    [Fact]
    public void The_band_sweep_moves_a_batch_with_update_top_and_outputs_what_moved()
    {
        using var db = SqlServerSchemaOfflineTests.Context(DatabaseProviders.SqlServer);
        var sql = BureauBandSweep.MoveOnSqlServerSql(AttentionBand.Yellow, 2000);
        var parsed = TSql.ParseRaw(sql);
        Assert.StartsWith("UPDATE TOP (2000) cases SET", sql, StringComparison.Ordinal);
        Assert.Contains("""OUTPUT inserted."CurrentPostId", inserted."ItemCode", inserted."CountedBand""", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("LIMIT", sql, StringComparison.Ordinal);
        AssertColumnsOf(db, "cases", parsed);
    }

    [Fact]
    public void The_counts_rebuild_holds_the_counts_table_against_other_writers()
    {
        var parsed = TSql.Parse(BureauCounts.LockCountsOnSqlServerSql);
        Assert.Equal(["UPDLOCK", "TABLOCK", "HOLDLOCK"], TSql.TableHints(parsed));
    }

    [Fact]
    public void The_people_rules_row_locks_are_update_locks_on_sql_server()
    {
        using var db = SqlServerSchemaOfflineTests.Context(DatabaseProviders.SqlServer);
        foreach (var (table, column) in new[] { ("posts", "Name"), ("cases", "Number") })
        {
            var sql = RowLock.Sql(db.Database, table, column);
            var parsed = TSql.ParseRaw(sql);
            Assert.Equal(["UPDLOCK", "ROWLOCK"], TSql.TableHints(parsed));
            Assert.DoesNotContain("FOR NO KEY UPDATE", sql, StringComparison.Ordinal);
            AssertColumnsOf(db, table, parsed);
        }
    }

    [Fact]
    public void Bulk_copied_timers_carry_every_column_as_stored()
    {
        using var db = SqlServerSchemaOfflineTests.Context(DatabaseProviders.SqlServer);
        var entity = db.Model.FindEntityType(typeof(CaseTimer))!;
        var local = new DateTimeOffset(2026, 11, 27, 18, 0, 0, TimeSpan.FromHours(8));
        var timer = new CaseTimer { Id = Guid.NewGuid(), CaseId = Guid.NewGuid(), Kind = TimerKind.Red, Scope = "overall", DueAt = local, CreatedAt = local, Version = 1 };

        using var table = BulkInsert.ToDataTable(entity, [timer]);

        Assert.Equal("[case_timers]", table.TableName);
        var columns = db.Model.GetRelationalModel().Tables.Single(t => t.Name == "case_timers").Columns.Select(c => c.Name).Order(StringComparer.Ordinal);
        Assert.Equal(columns, table.Columns.Cast<System.Data.DataColumn>().Select(c => c.ColumnName).Order(StringComparer.Ordinal));
        var row = table.Rows[0];
        Assert.Equal("Red", row["Kind"]);
        Assert.Equal(TimeSpan.Zero, ((DateTimeOffset)row["DueAt"]).Offset);
        Assert.Equal(local, (DateTimeOffset)row["DueAt"]);
        Assert.Equal(DBNull.Value, row["FiredAt"]);
    }

    /// <summary>Every column the statement names is a column of <paramref name="table"/> (a typo would only fail on a server).</summary>
    private static void AssertColumnsOf(TongbanDbContext db, string table, Microsoft.SqlServer.TransactSql.ScriptDom.TSqlFragment parsed)
    {
        var columns = db.Model.GetRelationalModel().Tables.Single(t => t.Name == table).Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var referenced = TSql.ColumnsReferenced(parsed);
        Assert.NotEmpty(referenced);
        Assert.All(referenced, name => Assert.Contains(name, columns));
    }
}
