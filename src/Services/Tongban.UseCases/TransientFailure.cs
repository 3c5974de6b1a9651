using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Runtime.Clocks;

namespace Tongban.UseCases;

/// <summary>
/// The database gave up on this transaction for a reason that says nothing about the request: a deadlock with
/// another writer (PostgreSQL 40P01, e.g. a step deleting a case's timers while the timer sweeper holds them) or a
/// serialisation failure (40001); on SQL Server the deadlock victim (error 1205) and a snapshot update conflict
/// (3960); a timer of the case fired between the step's read and its commit. Nothing was written; running the step
/// again is safe.
/// </summary>
public static class TransientFailure
{
    public static bool Is(Exception exception)
    {
        // The timer sweeper fired one of the case's timers after the step read it (firing bumps the timer's version):
        // nothing the staff member asked is stale, but the step must be staged again to see what the firing opened.
        if (exception is DbUpdateConcurrencyException { Entries: [_, ..] entries } && entries.All(e => e.Entity is CaseTimer)) return true;

        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException { SqlState: "40P01" or "40001" }) return true;
            if (e is SqlException { Number: 1205 or 3960 }) return true;
        }

        return false;
    }
}
