using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Integration.Tests.Distributed;

/// <summary>A fresh PostgreSQL database with the engine's migrations, and contexts on it with the interceptors a test names.</summary>
internal static class MigratedPostgres
{
    /// <summary>Creates and migrates the database; drop it with <see cref="Substrate.DropDatabaseAsync"/>.</summary>
    public static async Task<string> CreateAsync(string name)
    {
        var connectionString = await Substrate.CreateDatabaseAsync(name);
        await using var db = Context(connectionString);
        await db.Database.MigrateAsync();
        return connectionString;
    }

    public static TongbanDbContext Context(string connectionString, params IInterceptor[] interceptors) => new(new DbContextOptionsBuilder<TongbanDbContext>()
        .UseNpgsql(connectionString, o => o.MigrationsAssembly("Tongban.Workflows.Migrations.Postgres"))
        .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
        .AddInterceptors(interceptors).Options);
}
