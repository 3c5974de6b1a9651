using System.Diagnostics;
using Npgsql;

namespace Tongban.Testing;

public enum CountyMode
{
    /// <summary>One process: SQLite and the in-memory bus, as `dotnet run` starts it.</summary>
    Embedded,

    /// <summary>Gateways and node processes over PostgreSQL and RabbitMQ.</summary>
    Distributed,
}

/// <summary>How many processes of each kind to run, and how.</summary>
public sealed record CountyShape(CountyMode Mode, int NodesPerRole = 1, int Gateways = 1)
{
    /// <summary>
    /// One set of node processes, each given by the roles it runs ("intake,bureau"): one process per role unless told
    /// otherwise; the county departments' queues (并联办理) share the bureau's process, as a small county would run them.
    /// </summary>
    public IReadOnlyList<string> NodeRoles { get; init; } = ["intake", "specialist", "township", "bureau,department"];

    /// <summary>Settings for every process on top of the county's own (environment variable names: shorter retries, a trace endpoint, log levels).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Start a gateway or node again when it ends on its own, as systemd's Restart=always would.</summary>
    public bool RestartOnExit { get; init; }
}

/// <summary>
/// The demo county as real processes: the gateway(s) and, in distributed mode, <see cref="CountyShape.NodesPerRole"/>
/// sets of nodes (competing on the same queues), over a database and virtual host of its own that are removed afterwards.
/// A process is named by its first role ("township-node"; "township-node-2" for the second of a role) in its
/// output, its database connections' application name and the hand-offs it receives.
/// </summary>
public sealed class County : IAsyncDisposable
{
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..10];
    private readonly List<ServiceProcess> _processes = [];
    private string? _sqliteDirectory;

    private County(CountyShape shape) => Shape = shape;

    public CountyShape Shape { get; }

    public List<(ServiceProcess Process, Uri Address)> Gateways { get; } = [];

    /// <summary>The node processes, each with the roles it runs.</summary>
    public List<(string Roles, ServiceProcess Process)> Nodes { get; } = [];

    public IEnumerable<ServiceProcess> Processes => _processes;

    /// <summary>Npgsql connection string (distributed) or SQLite connection string (embedded).</summary>
    public string ConnectionString { get; private set; } = "";

    public string VirtualHost => $"tongban-county-{_suffix}";

    /// <summary>
    /// The audit chain's key, the same for every process of this county as a deployment's shared environment file gives
    /// it (infra/tongban.env.example). Left to each process, the gateway and the nodes each made a key file beside
    /// their own binaries: two keys on one chain.
    /// </summary>
    public byte[] AuditChainKey { get; } = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

    /// <summary>This county's daily audit anchor files.</summary>
    public string AnchorDirectory => Path.Combine(Path.GetTempPath(), $"tongban-county-anchors-{_suffix}");

    private string DatabaseName => $"tongban_county_{_suffix}";

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

    /// <summary>The first node (of those running a role) or gateway ("gateway") of a kind; with <paramref name="live"/>, the first one running.</summary>
    public ServiceProcess First(string kind, bool live = false) =>
        (kind == "gateway" ? Gateways.Select(g => g.Process) : Nodes.Where(n => n.Roles.Split(',').Contains(kind)).Select(n => n.Process))
            .First(p => !live || p.Pid is not null);

    /// <summary>Starts one more node process for the roles (e.g. a second township node on the same queues).</summary>
    public async Task<ServiceProcess> AddNodeAsync(string roles, int number)
    {
        var name = Numbered($"{roles.Split(',')[0]}-node", number);
        var node = Track(new ServiceProcess(name, RepoPaths.NodeDll, DistributedEnvironment(name), $"--Node:Roles={roles}") { RestartOnExit = Shape.RestartOnExit });
        Nodes.Add((roles, node));
        await node.StartAsync();
        return node;
    }

    /// <summary>kill -9, then a fresh incarnation in its place; returns how long it was away.</summary>
    public static async Task<TimeSpan> KillAndRestartAsync(ServiceProcess process)
    {
        var clock = Stopwatch.StartNew();
        await process.KillAsync();
        await process.StartAsync();
        return clock.Elapsed;
    }

    private async Task StartEmbeddedAsync()
    {
        _sqliteDirectory = Directory.CreateTempSubdirectory("tongban-county-").FullName;
        ConnectionString = $"Data Source={Path.Combine(_sqliteDirectory, "tongban.db")}";
        var address = new Uri($"http://127.0.0.1:{Ports.Free()}");
        var gateway = Track(new ServiceProcess("gateway", RepoPaths.GatewayDll, ProcessEnvironment("gateway", ConnectionString, distributed: false), "--urls", address.ToString()) { RestartOnExit = Shape.RestartOnExit });
        var clock = Stopwatch.StartNew();
        await gateway.StartAsync();
        ColdStartSeconds = clock.Elapsed.TotalSeconds;
        Gateways.Add((gateway, address));
    }

    private async Task StartDistributedAsync()
    {
        ConnectionString = await Substrate.CreateDatabaseAsync(DatabaseName);
        await Substrate.CreateVirtualHostAsync(VirtualHost);

        // Exactly the README's command; the environment variable is removed so the command line has to do it.
        var migrateEnvironment = DistributedEnvironment("migrate");
        migrateEnvironment.Remove("DOTNET_ENVIRONMENT");
        await using (var migrate = new ServiceProcess("migrate", RepoPaths.GatewayDll, migrateEnvironment, "migrate", "--seed-demo", "--environment", "Distributed"))
        {
            await migrate.StartAsync("migrate: done");
        }

        var starts = new List<Task>();
        for (var n = 1; n <= Shape.NodesPerRole; n++)
        {
            foreach (var roles in Shape.NodeRoles) starts.Add(AddNodeAsync(roles, n));
        }

        for (var g = 1; g <= Shape.Gateways; g++)
        {
            var name = Numbered("gateway", g);
            var address = new Uri($"http://127.0.0.1:{Ports.Free()}");
            var gateway = Track(new ServiceProcess(name, RepoPaths.GatewayDll, DistributedEnvironment(name), "--environment", "Distributed", "--urls", address.ToString()) { RestartOnExit = Shape.RestartOnExit });
            Gateways.Add((gateway, address));
            starts.Add(gateway.StartAsync());
        }

        await Task.WhenAll(starts);
    }

    private Dictionary<string, string> DistributedEnvironment(string name) =>
        ProcessEnvironment(name, new NpgsqlConnectionStringBuilder(ConnectionString) { ApplicationName = name, MaxPoolSize = 40 }.ConnectionString, distributed: true);

    /// <summary>
    /// A process's settings. In distributed mode the database application name names the process, so a test can
    /// see which process waits on a lock; 40 connections per process keep a county within PostgreSQL's 100.
    /// </summary>
    private Dictionary<string, string> ProcessEnvironment(string name, string connectionString, bool distributed)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Tongban"] = connectionString,
            ["Node__Name"] = name,
            // Every desk of the simulated county signs in from 127.0.0.1, as a whole office behind one address would.
            ["Auth__LoginRateLimit__PerAddressPermits"] = "10000",
            // And twenty of them at once (the security suite's memory test) must not meet the 20-a-second total that
            // guards the slow hash: an earlier login in the same second left the bucket one short (the limits have their own tests).
            ["Auth__LoginRateLimit__TotalPerSecond"] = "1000",
            // Anchor files belong to one database: not the data/runtime folder every distributed county shares.
            ["Audit__AnchorDirectory"] = AnchorDirectory,
            ["Audit__ChainKey"] = Convert.ToBase64String(AuditChainKey),
        };
        if (distributed)
        {
            environment["DOTNET_ENVIRONMENT"] = "Distributed";
            environment["Database__Provider"] = "Postgres";
            foreach (var (key, value) in Substrate.RabbitMqSettings(VirtualHost)) environment[key] = value;
        }

        foreach (var (key, value) in Shape.Settings) environment[key] = value;
        return environment;
    }

    private static string Numbered(string name, int number) => number == 1 ? name : $"{name}-{number}";

    private ServiceProcess Track(ServiceProcess process)
    {
        _processes.Add(process);
        return process;
    }

    /// <summary>Stops every process (Ctrl-C, so each closes its bus connection) and removes the database and virtual host.</summary>
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_processes.Select(p => p.StopAsync()));
        foreach (var process in _processes) await process.DisposeAsync();
        if (Shape.Mode == CountyMode.Distributed)
        {
            await Substrate.DropDatabaseAsync(DatabaseName);
            await Substrate.DeleteVirtualHostAsync(VirtualHost);
        }

        if (_sqliteDirectory is not null) Directory.Delete(_sqliteDirectory, recursive: true);
        if (Directory.Exists(AnchorDirectory)) Directory.Delete(AnchorDirectory, recursive: true);
    }
}
