using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tongban.Workflows.Runtime.Hosting;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Benchmarks;

/// <summary>
/// What a request, a consumed message or a background round pays before its first statement: a DI scope, the
/// <see cref="TongbanDbContext"/> with the engine's registrations (options, interceptors, EF's services), its
/// disposal. SQLite file, no statement sent; CPU per lease on one thread.
/// </summary>
public static class ContextLeaseBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var leases = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var file = Path.Combine(Path.GetTempPath(), $"tongban-context-lease-{Guid.NewGuid():N}.db");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Tongban"] = $"Data Source={file}",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddWorkflowRuntime(configuration);
        await using var provider = services.BuildServiceProvider();

        Console.WriteLine($"DbContext lease, {leases:N0} scopes per round, one thread; {BenchDatabase.Machine()}");
        Console.WriteLine();
        Console.WriteLine("| round | µs CPU per lease | µs wall per lease |");
        Console.WriteLine("|---|---|---|");
        await LeaseAsync(provider, leases / 5); // warm-up: the JIT, the model, the pool
        for (var round = 1; round <= 3; round++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            await LeaseAsync(provider, leases);
            var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Console.WriteLine($"| {round} | {used.TotalMicroseconds / leases:F1} | {wall.Elapsed.TotalMicroseconds / leases:F1} |");
        }

        File.Delete(file);
        return 0;
    }

    private static async Task LeaseAsync(IServiceProvider provider, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await using var scope = provider.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
            // Touches the context's services (state manager, change detector) as any first query or save does.
            _ = db.ChangeTracker.Entries().Count();
        }
    }
}
