using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Runtime.Clocks;

namespace Tongban.UseCases;

/// <summary>
/// The database gave up on this transaction for a reason that says nothing about the request: a deadlock with
/// another writer (PostgreSQL 40P01, e.g. a step deleting a case's timers while the timer sweeper holds them) or a
/// serialisation failure (40001); on SQL Server the deadlock victim (error 1205) and a snapshot update conflict
/// (3960). Nothing was written; running the step again is safe. Also a step whose only conflict is a timer of the
/// case that a sweeper claimed or fired after the step read it (the timer's version moved, not the case's): staged
/// again from a fresh read, the step sees the firing and its effects (e.g. the supervision item it opened).
/// </summary>
public static class TransientFailure
{
    public static bool Is(Exception exception)
    {
        if (exception is DbUpdateConcurrencyException { Entries: [_, ..] entries } && entries.All(e => e.Entity is CaseTimer)) return true;
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException { SqlState: "40P01" or "40001" }) return true;
            if (e is SqlException { Number: 1205 or 3960 }) return true;
        }

        return false;
    }
}
