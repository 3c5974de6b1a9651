using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Runtime.Organisation;

/// <summary>
/// Makes <see cref="PostAssignmentCache"/> forget once a save that added, changed or removed posts or absences is
/// committed: at the save itself, or at the commit of the explicit transaction it ran in (registering an absence
/// locks the post in one).
/// </summary>
public sealed class PostAssignmentCacheInterceptor(PostAssignmentCache cache) : AfterCommitInterceptor
{
    protected override bool Concerns(DbContext context) =>
        context.ChangeTracker.Detected().Any(e => e.Entity is Post or PostAbsence && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted);

    protected override void AfterCommit() => cache.Forget();
}

public static class PostAssignmentCacheExtensions
{
    /// <summary>Registers the cache and hooks its interceptor into the DbContext.</summary>
    public static IServiceCollection AddPostAssignmentCache(this IServiceCollection services)
    {
        services.AddSingleton<PostAssignmentCache>();
        services.AddSingleton<PostAssignmentCacheInterceptor>();
        return services.ConfigureDbContext<TongbanDbContext>((sp, options) => options.AddInterceptors(sp.GetRequiredService<PostAssignmentCacheInterceptor>()));
    }
}
