using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tongban.Workflows.Runtime.Hosting;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Hosting;

/// <summary>
/// The administrative verbs every process understands, run instead of the service:
/// <c>migrate [--seed-demo]</c> (migrations + catalogue import) and <c>schema-script</c> (the model's DDL for the
/// configured provider, the starting point of a new migration script).
/// </summary>
public static class CommandLine
{
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] is "migrate" or "schema-script" or "import-catalog";

    /// <summary>
    /// The arguments for the host's configuration: without the verb and its switches, which the command-line
    /// configuration provider would otherwise pair with the next argument (<c>--seed-demo --environment X</c>).
    /// </summary>
    public static string[] HostArguments(string[] args) =>
        IsCommand(args) ? [.. args.Skip(1).Where(a => a != "--seed-demo")] : args;

    public static async Task<int> RunAsync(IHost host, string[] args)
    {
        switch (args[0])
        {
            case "migrate":
                await DatabaseSetup.RunAsync(host.Services, new(Migrate: true, ImportCatalog: true, SeedDemo: args.Contains("--seed-demo")));
                Console.WriteLine("migrate: done");
                return 0;
            case "import-catalog":
                await DatabaseSetup.RunAsync(host.Services, new(Migrate: false, ImportCatalog: true, SeedDemo: false));
                return 0;
            case "schema-script":
                await using (var scope = host.Services.CreateAsyncScope())
                {
                    Console.WriteLine(scope.ServiceProvider.GetRequiredService<TongbanDbContext>().Database.GenerateCreateScript());
                }

                return 0;
            default:
                await Console.Error.WriteLineAsync($"Unknown command '{args[0]}'. Commands: migrate [--seed-demo], import-catalog, schema-script.");
                return 2;
        }
    }
}
