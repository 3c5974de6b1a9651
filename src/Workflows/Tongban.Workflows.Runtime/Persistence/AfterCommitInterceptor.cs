using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tongban.Workflows.Runtime.Persistence;

/// <summary>
/// Acts once a save that <see cref="Concerns"/> it is committed: at the save itself, or at the commit of the explicit
/// transaction it ran in (every step's save runs in one: the bureau counts' interceptor opens it). A rolled-back
/// transaction acts on nothing. One instance serves every context; whether a save is pending is the context's.
/// </summary>
public abstract class AfterCommitInterceptor : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private sealed class Pending
    {
        public bool Value;
    }

    /// <summary>Whether the save about to run (its changes as detected) is one to act on after its commit.</summary>
    protected abstract bool Concerns(DbContext context);

    /// <summary>What to do once such a save is committed.</summary>
    protected abstract void AfterCommit();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        PendingOf(eventData.Context!).Value |= Concerns(eventData.Context!);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        PendingOf(eventData.Context!).Value |= Concerns(eventData.Context!);
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
        if (eventData.Context is not { } context || !PendingOf(context).Value) return;
        PendingOf(context).Value = false;
        AfterCommit();
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } context) PendingOf(context).Value = false;
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    private void ActIfCommitted(DbContext context)
    {
        // Inside an explicit transaction nothing is visible yet: the transaction's commit acts.
        var pending = PendingOf(context);
        if (!pending.Value || context.Database.CurrentTransaction is not null) return;
        pending.Value = false;
        AfterCommit();
    }

    private Pending PendingOf(DbContext context) => ((TongbanDbContext)context).InterceptorState<Pending>(this);
}
