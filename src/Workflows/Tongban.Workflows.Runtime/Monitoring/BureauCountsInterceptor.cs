using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Runtime.Monitoring;

/// <summary>
/// Counts every tracked case save in <see cref="BureauCount"/>, in the save's transaction: whatever path moved
/// the case (a transition, an operation on its clocks, a recompute, a withdrawal by a timer), one place sees it.
/// The counts are written after the cases, so the case's concurrency check has passed (the original band, post
/// and item are the ones in the database) and the hot count rows are locked only until the commit.
/// </summary>
public sealed class BureauCountsInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    private IReadOnlyList<(BureauCounts.Key Key, int Delta)>? _deltas;
    private IDbContextTransaction? _own;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (Stage(eventData.Context!)) _own = eventData.Context!.Database.BeginTransaction();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (Stage(eventData.Context!)) _own = await eventData.Context!.Database.BeginTransactionAsync(cancellationToken);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        var (deltas, own) = (_deltas, _own);
        (_deltas, _own) = (null, null);
        if (deltas is null) return result;
        using (own)
        {
            BureauCounts.Apply((TongbanDbContext)eventData.Context!, deltas);
            own?.Commit();
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        var (deltas, own) = (_deltas, _own);
        (_deltas, _own) = (null, null);
        if (deltas is null) return result;
        try
        {
            await BureauCounts.ApplyAsync((TongbanDbContext)eventData.Context!, deltas, cancellationToken);
            if (own is not null) await own.CommitAsync(cancellationToken);
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Abandon();

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon();
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Abandon();

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Stages the deltas; true when a transaction must be opened for them (EF would otherwise commit the case alone,
    /// a single UPDATE needing none, before the counts are written).
    /// </summary>
    private bool Stage(DbContext db)
    {
        // The interceptor runs before EF detects changes; the states below must be known now.
        db.ChangeTracker.DetectChanges();
        var deltas = BureauCounts.Stage(db.ChangeTracker, clock.GetUtcNow());
        _deltas = deltas.Count > 0 ? deltas : null;
        return _deltas is not null && db.Database.CurrentTransaction is null;
    }

    /// <summary>The save failed: nothing to count, and a transaction opened here is rolled back by disposing it.</summary>
    private void Abandon()
    {
        _deltas = null;
        _own?.Dispose();
        _own = null;
    }
}

public static class BureauCountsExtensions
{
    /// <summary>Hooks the running counts into every TongbanDbContext of the container.</summary>
    public static IServiceCollection AddBureauCounts(this IServiceCollection services)
    {
        services.AddScoped<BureauCountsInterceptor>();
        return services.ConfigureDbContext<TongbanDbContext>((sp, options) => options.AddInterceptors(sp.GetRequiredService<BureauCountsInterceptor>()));
    }
}
