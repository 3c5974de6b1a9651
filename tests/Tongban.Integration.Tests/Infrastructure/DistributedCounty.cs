using System.Globalization;

namespace Tongban.Integration.Tests.Infrastructure;

/// <summary>
/// The demo county in distributed mode: PostgreSQL and RabbitMQ (real, from scripts/test.sh), the gateway and
/// three jurisdiction nodes as separate processes with their own bus connections, exporting traces over OTLP.
/// </summary>
public sealed class DistributedCounty : IAsyncLifetime
{
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..10];
    private readonly List<NodeProcess> _processes = [];

    public OtlpReceiver Traces { get; } = new();
    public string ConnectionString { get; private set; } = "";
    public string VirtualHost => $"tongban-test-{_suffix}";
    public Uri GatewayAddress { get; } = new($"http://127.0.0.1:{OtlpReceiver.FreePort()}");
    public NodeProcess Gateway { get; private set; } = null!;
    public NodeProcess IntakeNode { get; private set; } = null!;
    public NodeProcess SpecialistNode { get; private set; } = null!;
    public NodeProcess TownshipNode { get; private set; } = null!;
    private string Database => $"tongban_test_{_suffix}";

    public IEnumerable<string> AllOutput => _processes.SelectMany(p => p.Output);

    public async Task InitializeAsync()
    {
        ConnectionString = await Substrate.CreateDatabaseAsync(Database);
        await Substrate.CreateVirtualHostAsync(VirtualHost);

        // Exactly the README's command; the environment variable is removed so the command line has to do it.
        var migrateEnvironment = Environment("migrate");
        migrateEnvironment.Remove("DOTNET_ENVIRONMENT");
        await using (var migrate = new NodeProcess("migrate", RepoPaths.GatewayDll, migrateEnvironment, "migrate", "--seed-demo", "--environment", "Distributed"))
        {
            await migrate.StartAsync("migrate: done");
        }

        IntakeNode = Track(new NodeProcess("intake-node", RepoPaths.NodeDll, Environment("intake-node"), "--Node:Roles=intake,bureau"));
        SpecialistNode = Track(new NodeProcess("specialist-node", RepoPaths.NodeDll, Environment("specialist-node"), "--Node:Roles=specialist"));
        TownshipNode = Track(new NodeProcess("township-node", RepoPaths.NodeDll, Environment("township-node"), "--Node:Roles=township"));
        Gateway = Track(new NodeProcess("gateway", RepoPaths.GatewayDll, Environment("gateway"), "--environment", "Distributed", "--urls", GatewayAddress.ToString()));
        await Task.WhenAll(IntakeNode.StartAsync(), SpecialistNode.StartAsync(), TownshipNode.StartAsync(), Gateway.StartAsync());
    }

    public Task<StaffClient> LoginAsync(string username) =>
        StaffClient.LoginAsync(new HttpClient { BaseAddress = GatewayAddress }, username);

    /// <summary>A fresh township node process in place of the old one (after a kill or a stop).</summary>
    public async Task StartNewTownshipNodeAsync()
    {
        TownshipNode = Track(new NodeProcess("township-node", RepoPaths.NodeDll, Environment("township-node"), "--Node:Roles=township"));
        await TownshipNode.StartAsync();
    }

    /// <summary>
    /// Every process's settings. The database application name names the process, so a test can see which
    /// process waits on a lock.
    /// </summary>
    public Dictionary<string, string> Environment(string name)
    {
        var rabbit = Substrate.RabbitMq;
        var user = Uri.UnescapeDataString(rabbit.UserInfo).Split(':');
        return new()
        {
            ["DOTNET_ENVIRONMENT"] = "Distributed",
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Tongban"] = $"{ConnectionString};Application Name={name}",
            ["Bus__Transport"] = "RabbitMq",
            // Shorter than production's ~9 s, so the dead-letter test need not wait the whole retry policy out.
            ["Bus__RetryIntervals"] = "50,200,1000",
            ["RabbitMq__Host"] = rabbit.Host,
            ["RabbitMq__Port"] = rabbit.Port.ToString(CultureInfo.InvariantCulture),
            ["RabbitMq__VirtualHost"] = VirtualHost,
            ["RabbitMq__Username"] = user[0],
            ["RabbitMq__Password"] = user.Length > 1 ? user[1] : "",
            ["Node__Name"] = name,
            ["Otel__Endpoint"] = Traces.Endpoint,
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        };
    }

    private NodeProcess Track(NodeProcess process)
    {
        _processes.Add(process);
        return process;
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes) await process.DisposeAsync();
        Traces.Dispose();
        await Substrate.DropDatabaseAsync(Database);
        await Substrate.DeleteVirtualHostAsync(VirtualHost);
    }
}

[CollectionDefinition(Name)]
public sealed class DistributedCollection : ICollectionFixture<DistributedCounty>
{
    public const string Name = "distributed county";
}
