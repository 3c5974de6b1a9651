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

/// <summary>Notifies <see cref="CommitSignal{T}"/> after a SaveChanges that added rows of <typeparamref name="T"/> has committed.</summary>
public sealed class CommitSignalInterceptor<T>(CommitSignal<T> signal) : SaveChangesInterceptor where T : class
{
    private bool _pending;

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        _pending = eventData.Context!.ChangeTracker.Detected<T>().Any(e => e.State == EntityState.Added);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        // Inside an explicit transaction the rows are not visible yet; the worker's poll picks them up.
        if (_pending && eventData.Context!.Database.CurrentTransaction is null) signal.Notify();
        _pending = false;
        return base.SavedChangesAsync(eventData, result, cancellationToken);
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
