using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.People;

/// <summary>
/// Serialises the writers of a rule that reads before it writes (A and B of a post not both away; one open
/// second-correction approval per case). Inside the caller's transaction and before the rule's facts are read,
/// the row the rule hangs on is locked until the commit, so a second writer reads what the first committed.
/// PostgreSQL: the row itself, <c>FOR NO KEY UPDATE</c> (rows referencing it can still be inserted); under READ
/// COMMITTED the waiter's later reads see the winner's rows (without it, simultaneous A/B pairs both got
/// in). SQL Server: an update lock on the row (<c>UPDLOCK, ROWLOCK</c>), held to the commit; other update locks wait,
/// plain readers do not. SQLite has one writer for the whole file, and Microsoft.Data.Sqlite begins transactions
/// IMMEDIATE, which already takes it; the no-op update keeps that true for a transaction begun deferred, as the
/// first statement, before any read, so the busy handler waits for the lock instead of failing on a stale snapshot.
/// </summary>
public static class RowLock
{
    public static async Task PostAsync(TongbanDbContext db, string postId, CancellationToken ct)
    {
        EnsureTransaction(db);
        await db.Database.ExecuteSqlRawAsync(Sql(db.Database, "posts", "Name"), [postId], ct);
    }

    public static async Task CaseAsync(TongbanDbContext db, Guid caseId, CancellationToken ct)
    {
        EnsureTransaction(db);
        await db.Database.ExecuteSqlRawAsync(Sql(db.Database, "cases", "Number"), [caseId], ct);
    }

    /// <summary>The statement that locks the row of <paramref name="table"/> whose Id is {0}, on the context's provider.</summary>
    public static string Sql(DatabaseFacade database, string table, string anyColumn) =>
        database.IsNpgsql() ? $$"""SELECT 1 FROM {{table}} WHERE "Id" = {0} FOR NO KEY UPDATE"""
        : database.IsSqlServer() ? $$"""SELECT 1 FROM {{table}} WITH (UPDLOCK, ROWLOCK) WHERE "Id" = {0}"""
        : $$"""UPDATE {{table}} SET "{{anyColumn}}" = "{{anyColumn}}" WHERE "Id" = {0}""";

    // Without a transaction the lock would end with its own statement and serialise nothing.
    private static void EnsureTransaction(TongbanDbContext db)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("A row lock needs the caller's transaction.");
    }
}
