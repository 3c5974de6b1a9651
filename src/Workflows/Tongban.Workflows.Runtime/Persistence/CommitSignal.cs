using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Tongban.Workflows.Runtime.Persistence;

/// <summary>
/// Wakes a background worker (the outbox relay, the audit sealer) as soon as a commit has added rows of
/// <typeparamref name="T"/>, instead of leaving them to its next poll.
/// </summary>
public sealed class CommitSignal<T> where T : class
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

/// <summary>
/// Notifies <see cref="CommitSignal{T}"/> once a SaveChanges that added rows of <typeparamref name="T"/> has
/// committed: at the save itself, or at the commit of the explicit transaction it ran in. Every step's save runs in
/// one (the bureau counts' interceptor opens it), so without the second the relay woke only at its next poll: hand-offs
/// waited half a poll interval on average.
/// </summary>
public sealed class CommitSignalInterceptor<T>(CommitSignal<T> signal) : SaveChangesInterceptor, IDbTransactionInterceptor where T : class
{
    private bool _pending;

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        _pending |= Adds(eventData.Context!);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        _pending |= Adds(eventData.Context!);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        NotifyIfCommitted(eventData.Context!);
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        NotifyIfCommitted(eventData.Context!);
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
        signal.Notify();
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => _pending = false;

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        _pending = false;
        return Task.CompletedTask;
    }

    private static bool Adds(DbContext context) => context.ChangeTracker.Detected<T>().Any(e => e.State == EntityState.Added);

    private void NotifyIfCommitted(DbContext context)
    {
        // Inside an explicit transaction the rows are not visible yet: the transaction's commit notifies.
        if (!_pending || context.Database.CurrentTransaction is not null) return;
        _pending = false;
        signal.Notify();
    }
}

public static class CommitSignalExtensions
{
    /// <summary>Registers the signal and hooks its interceptor into the DbContext.</summary>
    public static IServiceCollection AddCommitSignal<T>(this IServiceCollection services) where T : class
    {
        services.AddSingleton<CommitSignal<T>>();
        services.AddScoped<CommitSignalInterceptor<T>>();
        return services.ConfigureDbContext<TongbanDbContext>((sp, options) => options.AddInterceptors(sp.GetRequiredService<CommitSignalInterceptor<T>>()));
    }
}
