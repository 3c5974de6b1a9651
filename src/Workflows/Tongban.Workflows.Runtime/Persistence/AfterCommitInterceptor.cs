using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tongban.Workflows.Runtime.Persistence;

/// <summary>
/// Acts once a save that <see cref="Concerns"/> it is committed: at the save itself, or at the commit of the explicit
/// transaction it ran in (every step's save runs in one: the bureau counts' interceptor opens it). A rolled-back
/// transaction acts on nothing.
/// </summary>
public abstract class AfterCommitInterceptor : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private bool _pending;

    /// <summary>Whether the save about to run (its changes as detected) is one to act on after its commit.</summary>
    protected abstract bool Concerns(DbContext context);

    /// <summary>What to do once such a save is committed.</summary>
    protected abstract void AfterCommit();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        _pending |= Concerns(eventData.Context!);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        _pending |= Concerns(eventData.Context!);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ActIfCommitted(eventData.Context!);
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ActIfCommitted(eventData.Context!);
        return base.SavedChanges(eventData, result);
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (!_pending) return;
        _pending = false;
        AfterCommit();
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => _pending = false;

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        _pending = false;
        return Task.CompletedTask;
    }

    private void ActIfCommitted(DbContext context)
    {
        // Inside an explicit transaction nothing is visible yet: the transaction's commit acts.
        if (!_pending || context.Database.CurrentTransaction is not null) return;
        _pending = false;
        AfterCommit();
    }
}
