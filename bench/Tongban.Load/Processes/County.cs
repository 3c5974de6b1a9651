using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Tongban.Load.Substrate;

namespace Tongban.Load.Processes;

public enum CountyMode
{
    /// <summary>One process: SQLite and the in-memory bus, as `dotnet run` starts it.</summary>
    Embedded,

    /// <summary>Gateways and one process per node role over PostgreSQL and RabbitMQ.</summary>
    Distributed,
}

/// <summary>How many processes of each kind to run.</summary>
public sealed record CountyShape(CountyMode Mode, int NodesPerRole = 1, int Gateways = 1);

/// <summary>
/// The demo county as real processes: the gateway(s) and, in distributed mode, one node per role (or more,
/// competing on the same queues), over a database and virtual host of its own that are removed afterwards.
/// </summary>
public sealed class County : IAsyncDisposable
{
    public static readonly string[] NodeRoles = ["intake", "specialist", "township", "bureau"];

    private readonly string _suffix = Guid.NewGuid().ToString("N")[..10];
    private readonly List<ServiceProcess> _processes = [];
    private string? _sqliteDirectory;

    private County(CountyShape shape) => Shape = shape;

    public CountyShape Shape { get; }

    public List<(ServiceProcess Process, Uri Address)> Gateways { get; } = [];

    public List<(string Role, ServiceProcess Process)> Nodes { get; } = [];

    public IEnumerable<ServiceProcess> Processes => _processes;

    /// <summary>Npgsql connection string (distributed) or SQLite connection string (embedded).</summary>
    public string ConnectionString { get; private set; } = "";

    public string VirtualHost => $"tongban-load-{_suffix}";

    private string DatabaseName => $"tongban_load_{_suffix}";

    /// <summary>Seconds from the embedded process's start to ready, with a fresh database (migrate + seed).</summary>
    public double ColdStartSeconds { get; private set; }

    public static async Task<County> StartAsync(CountyShape shape)
    {
        var county = new County(shape);
        try
        {
            if (shape.Mode == CountyMode.Embedded) await county.StartEmbeddedAsync();
            else await county.StartDistributedAsync();
            return county;
        }
        catch
        {
            await county.DisposeAsync();
            throw;
        }
    }

    private async Task StartEmbeddedAsync()
    {
        _sqliteDirectory = Directory.CreateTempSubdirectory("tongban-load-").FullName;
        ConnectionString = $"Data Source={Path.Combine(_sqliteDirectory, "tongban.db")}";
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var gateway = Track(new ServiceProcess("gateway", RepoLayout.GatewayDll, BaseEnvironment("gateway", ConnectionString), ["--urls", address.ToString()]));
        var clock = Stopwatch.StartNew();
        await gateway.StartAsync();
        ColdStartSeconds = clock.Elapsed.TotalSeconds;
        Gateways.Add((gateway, address));
    }

    private async Task StartDistributedAsync()
    {
        ConnectionString = await Servers.CreateDatabaseAsync(DatabaseName);
        await Servers.CreateVirtualHostAsync(VirtualHost);
        await using (var migrate = new ServiceProcess("migrate", RepoLayout.GatewayDll, DistributedEnvironment("migrate"), ["migrate", "--seed-demo", "--environment", "Distributed"]))
        {
            await migrate.StartAsync("migrate: done");
        }

        var starts = new List<Task>();
        for (var n = 1; n <= Shape.NodesPerRole; n++)
        {
            foreach (var role in NodeRoles) starts.Add(AddNodeAsync(role, n));
        }

        for (var g = 1; g <= Shape.Gateways; g++)
        {
            var address = new Uri($"http://127.0.0.1:{FreePort()}");
            var gateway = Track(new ServiceProcess($"gateway-{g}", RepoLayout.GatewayDll, DistributedEnvironment($"gateway-{g}"), ["--environment", "Distributed", "--Node:Roles=none", "--urls", address.ToString()]));
            Gateways.Add((gateway, address));
            starts.Add(gateway.StartAsync());
        }

        await Task.WhenAll(starts);
    }

    /// <summary>Starts one more node of a role (e.g. a second township node on the same queues).</summary>
    public async Task<ServiceProcess> AddNodeAsync(string role, int number)
    {
        var name = $"{role}-node-{number}";
        var node = Track(new ServiceProcess(name, RepoLayout.NodeDll, DistributedEnvironment(name), [$"--Node:Roles={role}"]));
        Nodes.Add((role, node));
        await node.StartAsync();
        return node;
    }

    /// <summary>kill -9, then a fresh process in its place; returns how long it was away.</summary>
    public static async Task<TimeSpan> KillAndRestartAsync(ServiceProcess process)
    {
        var clock = Stopwatch.StartNew();
        await process.KillAsync();
        await process.StartAsync();
        return clock.Elapsed;
    }

    private Dictionary<string, string> DistributedEnvironment(string name)
    {
        var rabbit = Servers.RabbitMq;
        var (user, password) = Servers.RabbitCredentials;
        var environment = BaseEnvironment(name, new NpgsqlConnectionStringBuilder(ConnectionString) { ApplicationName = name, MaxPoolSize = 40 }.ConnectionString);
        environment["DOTNET_ENVIRONMENT"] = "Distributed";
        environment["Database__Provider"] = "Postgres";
        environment["Bus__Transport"] = "RabbitMq";
        environment["RabbitMq__Host"] = rabbit.Host;
        environment["RabbitMq__Port"] = rabbit.Port.ToString(CultureInfo.InvariantCulture);
        environment["RabbitMq__VirtualHost"] = VirtualHost;
        environment["RabbitMq__Username"] = user;
        environment["RabbitMq__Password"] = password;
        return environment;
    }

    private static Dictionary<string, string> BaseEnvironment(string name, string connectionString) => new()
    {
        ["ConnectionStrings__Tongban"] = connectionString,
        ["Node__Name"] = name,
        // Warnings only: a busy node's per-message information lines would cost more than the work measured.
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        ["Logging__LogLevel__Tongban.Workflows.Runtime.Hosting"] = "Information",
    };

    private ServiceProcess Track(ServiceProcess process)
    {
        _processes.Add(process);
        return process;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_processes.Select(p => p.DisposeAsync().AsTask()));
        if (Shape.Mode == CountyMode.Distributed)
        {
            await Servers.DropDatabaseAsync(DatabaseName);
            await Servers.DeleteVirtualHostAsync(VirtualHost);
        }

        if (_sqliteDirectory is not null) Directory.Delete(_sqliteDirectory, recursive: true);
    }
}
