using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Runtime.Monitoring;

/// <summary>
/// Counts every tracked case save in <see cref="BureauCount"/>, in the save's transaction: whatever path moved
/// the case (a transition, an operation on its clocks, a recompute, a withdrawal by a timer), one place sees it.
/// The case rows are locked first and their counted band read (the band sweep may have moved it since they were
/// loaded; the version check guarantees their post and item); the hot count rows are written last, after the
/// cases, so they stay locked only until the commit. One instance serves every context; a save's state is the context's.
/// </summary>
public sealed class BureauCountsInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    private sealed class Saving
    {
        public IReadOnlyList<(BureauCounts.Key Key, int Delta)>? Deltas;
        public IDbContextTransaction? Own;
        public bool SavepointsOff;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        var db = (TongbanDbContext)eventData.Context!;
        // Which cases are added, modified or deleted is known here (detected as the save began), before the counts are staged.
        if (!db.ChangeTracker.Detected<Case>().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)) return result;
        if (db.Database.CurrentTransaction is null) Own(db, db.Database.BeginTransaction());
        var now = clock.GetUtcNow();
        SavingOf(db).Deltas = BureauCounts.Stage(db.ChangeTracker, BureauCounts.LockCountedBands(db, BureauCounts.Changing(db.ChangeTracker, now)), now);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        var db = (TongbanDbContext)eventData.Context!;
        if (!db.ChangeTracker.Detected<Case>().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)) return result;
        // One transaction for the cases and their counts (EF would commit a lone UPDATE on its own).
        if (db.Database.CurrentTransaction is null) Own(db, await db.Database.BeginTransactionAsync(cancellationToken));
        var now = clock.GetUtcNow();
        var counted = await BureauCounts.LockCountedBandsAsync(db, BureauCounts.Changing(db.ChangeTracker, now), cancellationToken);
        SavingOf(db).Deltas = BureauCounts.Stage(db.ChangeTracker, counted, now);
        return result;
    }

    /// <summary>
    /// The transaction begun here holds this one save and nothing else, so EF's savepoint inside it (two more round
    /// trips) would guard nothing: a failed save rolls the whole transaction back.
    /// </summary>
    private void Own(TongbanDbContext db, IDbContextTransaction transaction)
    {
        var saving = SavingOf(db);
        saving.Own = transaction;
        saving.SavepointsOff = true;
        db.Database.AutoSavepointsEnabled = false;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        var db = (TongbanDbContext)eventData.Context!;
        var saving = SavingOf(db);
        var (deltas, own) = (saving.Deltas, saving.Own);
        (saving.Deltas, saving.Own) = (null, null);
        RestoreSavepoints(db, saving);
        using (own)
        {
            if (deltas is not null) BureauCounts.Apply(db, deltas);
            own?.Commit();
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        var db = (TongbanDbContext)eventData.Context!;
        var saving = SavingOf(db);
        var (deltas, own) = (saving.Deltas, saving.Own);
        (saving.Deltas, saving.Own) = (null, null);
        RestoreSavepoints(db, saving);
        try
        {
            if (deltas is not null) await BureauCounts.ApplyAsync(db, deltas, cancellationToken);
            if (own is not null) await own.CommitAsync(cancellationToken);
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Abandon(eventData.Context!);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData.Context!);
        return Task.CompletedTask;
    }

    // A version check that fails (a lost race, a timer fired meanwhile) ends the save without SaveChangesFailed: EF
    // reports it here only. Without this the transaction begun above stayed open on the context, and whatever the
    // context saved next (the loser's "denied" audit record, the step staged again) went into it and was never committed.
    public override InterceptionResult ThrowingConcurrencyException(ConcurrencyExceptionEventData eventData, InterceptionResult result)
    {
        Abandon(eventData.Context!);
        return result;
    }

    public override ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(ConcurrencyExceptionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Abandon(eventData.Context!);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Abandon(eventData.Context!);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData.Context!);
        return Task.CompletedTask;
    }

    /// <summary>The save failed: nothing to count, and a transaction opened here is rolled back by disposing it.</summary>
    private void Abandon(DbContext context)
    {
        var db = (TongbanDbContext)context;
        var saving = SavingOf(db);
        saving.Deltas = null;
        RestoreSavepoints(db, saving);
        saving.Own?.Dispose();
        saving.Own = null;
    }

    private static void RestoreSavepoints(TongbanDbContext db, Saving saving)
    {
        if (saving.SavepointsOff) db.Database.AutoSavepointsEnabled = true;
        saving.SavepointsOff = false;
    }

    private Saving SavingOf(TongbanDbContext db) => db.InterceptorState<Saving>(this);
}

public static class BureauCountsExtensions
{
    /// <summary>Hooks the running counts into every TongbanDbContext of the container.</summary>
    public static IServiceCollection AddBureauCounts(this IServiceCollection services)
    {
        services.AddSingleton<BureauCountsInterceptor>();
        return services.ConfigureDbContext<TongbanDbContext>((sp, options) => options.AddInterceptors(sp.GetRequiredService<BureauCountsInterceptor>()));
    }
}
