using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Runtime.Cases;

namespace Tongban.UseCases;

/// <summary>Two staff acted on the same case at once: the first commit won, this one changed nothing.</summary>
public static class LostRace
{
    /// <summary>
    /// The version check catches most races; when the database serialises the writers (SQLite), the loser can
    /// instead hit the journal's unique (case, sequence) key first. Both mean the same: someone else moved it. A
    /// conflict on the case's timers alone is not a lost race but a timer that fired meanwhile (<see cref="TransientFailure"/>).
    /// </summary>
    public static bool Is(Exception exception) =>
        (exception is DbUpdateConcurrencyException && !TransientFailure.Is(exception))
        || (exception is DbUpdateException update && update.Entries.Any(e => e.Entity is CaseHistoryEntry));
}
