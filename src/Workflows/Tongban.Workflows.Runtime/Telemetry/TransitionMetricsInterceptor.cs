using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Runtime.Telemetry;

/// <summary>
/// Counts case transitions once their save has succeeded, whatever path staged them (a front door, a hand-off,
/// a timer): every transition adds one journal entry, and the tracked case says which item it is of. Registered
/// after the running counts' interceptor, so it sees the save after that one committed its transaction. One
/// instance serves every context; what a save will count is the context's.
/// </summary>
public sealed class TransitionMetricsInterceptor : SaveChangesInterceptor
{
    private sealed class Pending
    {
        public List<(string Action, string Item)>? Transitions;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stage(eventData.Context!);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stage(eventData.Context!);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Record(eventData.Context!);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Context!);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => PendingOf(eventData.Context!).Transitions = null;

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    private void Stage(DbContext db)
    {
        var pending = PendingOf(db);
        var entries = db.ChangeTracker.Detected<CaseHistoryEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (entries.Count == 0)
        {
            pending.Transitions = null;
            return;
        }

        var items = db.ChangeTracker.Detected<Case>().ToDictionary(e => e.Entity.Id, e => e.Entity.ItemCode);
        pending.Transitions = [.. entries.Select(e => (e.Action.ToString(), items.GetValueOrDefault(e.CaseId, "unknown")))];
    }

    private void Record(DbContext db)
    {
        var pending = PendingOf(db);
        var transitions = pending.Transitions;
        pending.Transitions = null;
        if (transitions is null) return;
        foreach (var (action, item) in transitions) EngineMetrics.RecordTransition(action, item);
    }

    private Pending PendingOf(DbContext db) => ((TongbanDbContext)db).InterceptorState<Pending>(this);
}

public static class EngineMetricsExtensions
{
    /// <summary>The transition counter on every TongbanDbContext, and the sampler of the database-wide gauges (section <c>Metrics</c>).</summary>
    public static IServiceCollection AddEngineMetrics(this IServiceCollection services)
    {
        services.AddSingleton<TransitionMetricsInterceptor>();
        services.AddOptions<EngineMetricsOptions>().BindConfiguration("Metrics");
        services.AddHostedService<EngineGaugeSampler>();
        return services.ConfigureDbContext<TongbanDbContext>((sp, options) => options.AddInterceptors(sp.GetRequiredService<TransitionMetricsInterceptor>()));
    }
}
