using Microsoft.EntityFrameworkCore;
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
public sealed class CommitSignalInterceptor<T>(CommitSignal<T> signal) : AfterCommitInterceptor where T : class
{
    protected override bool Concerns(DbContext context) => context.ChangeTracker.Detected<T>().Any(e => e.State == EntityState.Added);

    protected override void AfterCommit() => signal.Notify();
}

public static class CommitSignalExtensions
{
    /// <summary>Registers the signal and hooks its interceptor into the DbContext.</summary>
    public static IServiceCollection AddCommitSignal<T>(this IServiceCollection services) where T : class
    {
        services.AddSingleton<CommitSignal<T>>();
        services.AddSingleton<CommitSignalInterceptor<T>>();
        return services.ConfigureDbContext<TongbanDbContext>((sp, options) => options.AddInterceptors(sp.GetRequiredService<CommitSignalInterceptor<T>>()));
    }
}
