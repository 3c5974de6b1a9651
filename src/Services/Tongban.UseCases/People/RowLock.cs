using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.People;

/// <summary>
/// Serialises the writers of a rule that reads before it writes (A and B of a post not both away; one open
/// second-correction approval per case). Inside the caller's transaction and before the rule's facts are read,
/// the row the rule hangs on is locked until the commit, so a second writer reads what the first committed.
/// PostgreSQL: the row itself, <c>FOR NO KEY UPDATE</c> (rows referencing it can still be inserted); under READ
/// COMMITTED the waiter's later reads see the winner's rows (without it, simultaneous A/B pairs both got
/// in). SQLite has one writer for the whole file, and Microsoft.Data.Sqlite begins transactions IMMEDIATE, which
/// already takes it; the no-op update keeps that true for a transaction begun deferred, as the first statement,
/// before any read, so the busy handler waits for the lock instead of failing on a stale snapshot.
/// </summary>
internal static class RowLock
{
    public static async Task PostAsync(TongbanDbContext db, string postId, CancellationToken ct)
    {
        EnsureTransaction(db);
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM posts WHERE "Id" = {postId} FOR NO KEY UPDATE""", ct);
        else await db.Database.ExecuteSqlAsync($"""UPDATE posts SET "Name" = "Name" WHERE "Id" = {postId}""", ct);
    }

    public static async Task CaseAsync(TongbanDbContext db, Guid caseId, CancellationToken ct)
    {
        EnsureTransaction(db);
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM cases WHERE "Id" = {caseId} FOR NO KEY UPDATE""", ct);
        else await db.Database.ExecuteSqlAsync($"""UPDATE cases SET "Number" = "Number" WHERE "Id" = {caseId}""", ct);
    }

    // Without a transaction the lock would end with its own statement and serialise nothing.
    private static void EnsureTransaction(TongbanDbContext db)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("A row lock needs the caller's transaction.");
    }
}
