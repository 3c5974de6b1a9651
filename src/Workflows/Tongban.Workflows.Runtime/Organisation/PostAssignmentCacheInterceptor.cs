using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Runtime.Organisation;

/// <summary>
/// Makes <see cref="PostAssignmentCache"/> forget once a save that added, changed or removed posts or absences is
/// committed: at the save itself, or at the commit of the explicit transaction it ran in (registering an absence
/// locks the post in one).
/// </summary>
public sealed class PostAssignmentCacheInterceptor(PostAssignmentCache cache) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private bool _pending;

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        _pending |= TouchesPosts(eventData.Context!);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        _pending |= TouchesPosts(eventData.Context!);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ForgetIfCommitted(eventData.Context!);
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ForgetIfCommitted(eventData.Context!);
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
        cache.Forget();
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => _pending = false;

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        _pending = false;
        return Task.CompletedTask;
    }

    private static bool TouchesPosts(DbContext context) =>
        context.ChangeTracker.Detected().Any(e => e.Entity is Post or PostAbsence && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted);

    private void ForgetIfCommitted(DbContext context)
    {
        if (!_pending || context.Database.CurrentTransaction is not null) return;
        _pending = false;
        cache.Forget();
    }
}

public static class PostAssignmentCacheExtensions
{
    /// <summary>Registers the cache and hooks its interceptor into the DbContext.</summary>
    public static IServiceCollection AddPostAssignmentCache(this IServiceCollection services)
    {
        services.AddSingleton<PostAssignmentCache>();
        services.AddScoped<PostAssignmentCacheInterceptor>();
        return services.ConfigureDbContext<TongbanDbContext>((sp, options) => options.AddInterceptors(sp.GetRequiredService<PostAssignmentCacheInterceptor>()));
    }
}
