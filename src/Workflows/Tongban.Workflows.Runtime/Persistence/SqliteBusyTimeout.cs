using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tongban.Workflows.Runtime.Persistence;

/// <summary>
/// SQLite has one writer at a time. Microsoft.Data.Sqlite retries a locked database by sleeping 150 ms on the
/// calling thread per attempt, so under concurrent writes every wait costs at least 150 ms and pins a thread-pool
/// thread (measured: sign-for p50 ~2 s at 10 cases/s embedded). SQLite's own busy handler, switched on here for
/// every connection, waits inside the statement and looks again after steps of 1–100 ms. At the embedded county's
/// capacity a dozen threads sleep there; an in-process gate in front of it was measured and not adopted
/// (docs/decisions.md, "SQLite's writers").
/// </summary>
public sealed class SqliteBusyTimeout(TimeSpan timeout) : DbConnectionInterceptor
{
    private readonly string _pragma = $"PRAGMA busy_timeout = {(long)timeout.TotalMilliseconds};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
