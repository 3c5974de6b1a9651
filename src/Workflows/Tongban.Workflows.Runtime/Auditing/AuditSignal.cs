using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tongban.Workflows.Runtime.Auditing;

/// <summary>Wakes the sealer as soon as a commit has added audit records, instead of waiting for its poll.</summary>
public sealed class AuditSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try { _signal.Release(); }
            catch (SemaphoreFullException) { /* already signalled: one wake-up is enough */ }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);
}

/// <summary>Notifies the sealer after a SaveChanges that added audit records has committed.</summary>
public sealed class AuditCommitInterceptor(AuditSignal signal) : SaveChangesInterceptor
{
    private bool _pending;

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        _pending = eventData.Context!.ChangeTracker.Entries<AuditRecord>().Any(e => e.State == EntityState.Added);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        // Inside an explicit transaction the rows are not visible yet; the sealer's poll picks them up.
        if (_pending && eventData.Context!.Database.CurrentTransaction is null) signal.Notify();
        _pending = false;
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }
}
