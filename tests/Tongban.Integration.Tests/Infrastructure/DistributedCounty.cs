using Tongban.Testing;

namespace Tongban.Integration.Tests.Infrastructure;

/// <summary>
/// The demo county in distributed mode for the tests: PostgreSQL and RabbitMQ (real, from scripts/test.sh), the
/// gateway and three jurisdiction nodes as separate processes with their own bus connections, exporting traces,
/// metrics and logs over OTLP, logging in full (tests wait for lines and look for personal data in them).
/// </summary>
public sealed class DistributedCounty : IAsyncLifetime
{
    private County _county = null!;

    public OtlpReceiver Traces { get; } = new();
    public string ConnectionString => _county.ConnectionString;
    public string VirtualHost => _county.VirtualHost;

    /// <summary>The audit chain key every process of the county was given.</summary>
    public byte[] AuditChainKey => _county.AuditChainKey;
    public Uri GatewayAddress => _county.Gateways[0].Address;
    public ServiceProcess Gateway => _county.First("gateway");
    public ServiceProcess IntakeNode => _county.First("intake");
    public ServiceProcess SpecialistNode => _county.First("specialist");
    public ServiceProcess TownshipNode => _county.First("township");

    public IEnumerable<string> AllOutput => _county.Processes.SelectMany(p => p.Output);

    public async Task InitializeAsync() => _county = await County.StartAsync(new CountyShape(CountyMode.Distributed)
    {
        // Three processes, not four: the machine running the tests is small.
        // County departments' branch tasks (并联办理) ride with intake and bureau: the other two nodes keep one role each,
        // so their telemetry service names stay tongban-node-specialist and tongban-node-township.
        NodeRoles = ["intake,bureau,department", "specialist", "township"],
        Settings = new Dictionary<string, string>
        {
            // Workstation GC: the gateway's runtimeconfig asks for server GC, which costs memory the test machine lacks.
            ["DOTNET_gcServer"] = "0",
            // Shorter than production's ~9 s, so the dead-letter test need not wait the whole retry policy out.
            ["Bus__RetryIntervals"] = "50,200,1000",
            ["Otel__Endpoint"] = Traces.Endpoint,
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "100",
            // Metrics every second (production: the SDK's 60 s), the database-wide gauges read as often.
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
            ["Metrics__SampleInterval"] = "00:00:01",
            // The dead-letter test moves a post in the database behind the processes' backs: no post cache.
            ["Auth__PostCacheSeconds"] = "0",
        },
    });

    public Task<StaffClient> LoginAsync(string username) =>
        StaffClient.LoginAsync(new HttpClient { BaseAddress = GatewayAddress }, username);

    /// <summary>The township node started again (after a kill or a stop), as a fresh process.</summary>
    public Task StartNewTownshipNodeAsync() => TownshipNode.StartAsync();

    public async Task DisposeAsync()
    {
        if (_county is not null) await _county.DisposeAsync();
        Traces.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class DistributedCollection : ICollectionFixture<DistributedCounty>
{
    public const string Name = "distributed county";
}
