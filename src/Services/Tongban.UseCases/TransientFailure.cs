using System.Data.Common;
using Microsoft.Data.SqlClient;

namespace Tongban.UseCases;

/// <summary>
/// The database gave up on this transaction for a reason that says nothing about the request: a deadlock with
/// another writer (PostgreSQL 40P01, e.g. a step deleting a case's timers while the timer sweeper holds them) or a
/// serialisation failure (40001); on SQL Server the deadlock victim (error 1205) and a snapshot update conflict
/// (3960). Nothing was written; running the step again is safe.
/// </summary>
public static class TransientFailure
{
    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException { SqlState: "40P01" or "40001" }) return true;
            if (e is SqlException { Number: 1205 or 3960 }) return true;
        }

        return false;
    }
}
