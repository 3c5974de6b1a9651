using System.Collections.Concurrent;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tongban.Contracts;
using Tongban.Integration.Tests.Infrastructure;
using Tongban.Workflows.Runtime.Hosting;
using Tongban.Workflows.Runtime.Messaging;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Integration.Tests.Distributed;

/// <summary>
/// Two outbox relays (two "nodes", each with its own bus and connections) draining one outbox at once: every row is
/// claimed once and sent once (PostgreSQL's FOR UPDATE SKIP LOCKED; SQL Server's UPDLOCK, READPAST when
/// TONGBAN_TEST_SQLSERVER names one), and a row whose claim was left by a crashed
/// relay is taken over when its lease runs out.
/// </summary>
public abstract class OutboxRelayClaimTestsBase(string provider) : IAsyncLifetime
{
    private const string Queue = "relay-claim-test";
    private TestDatabase? _database;
    private readonly Received _received = new();
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider, "relay");
        _connectionString = _database.ConnectionString!;
        using var setup = Node();
        await DatabaseSetup.RunAsync(setup.Services, new(Migrate: true, ImportCatalog: false, SeedDemo: false));
    }

    public async Task DisposeAsync()
    {
        if (_database is not null) await _database.DisposeAsync();
    }

    protected async Task Two_relays_on_one_database_claim_and_send_each_row_onceAsync()
    {
        const int messages = 1000;
        await StageAsync(messages);
        using var a = Node();
        using var b = Node();
        await Task.WhenAll(StartBusAsync(a), StartBusAsync(b));

        await Task.WhenAll(DrainAsync(Relay(a)), DrainAsync(Relay(b)), DrainAsync(Relay(a)), DrainAsync(Relay(b)));
        await WaitForAsync(() => _received.Count >= messages);
        await Task.Delay(300);

        Assert.Equal(messages, _received.Count);
        Assert.Equal(messages, _received.Ids.Distinct().Count());
        await using var db = Db();
        Assert.Equal(0, await db.Outbox.CountAsync(m => m.DispatchedAt == null));
        Assert.Equal(messages, await db.Outbox.CountAsync(m => m.Attempts == 1));
        await Task.WhenAll(StopBusAsync(a), StopBusAsync(b));
    }

    protected async Task A_claim_left_by_a_crashed_relay_is_taken_over_after_its_leaseAsync()
    {
        await StageAsync(3);
        var deadRelay = Guid.NewGuid();
        await SetLeaseAsync(deadRelay, DateTimeOffset.UtcNow.AddHours(1));

        using var node = Node();
        await StartBusAsync(node);
        Assert.Equal(0, await Relay(node).RelayBatchAsync(CancellationToken.None));

        // The dead relay's lease runs out.
        await SetLeaseAsync(deadRelay, DateTimeOffset.UtcNow.AddSeconds(-1));
        Assert.Equal(3, await Relay(node).RelayBatchAsync(CancellationToken.None));
        await WaitForAsync(() => _received.Count >= 3);

        await using var check = Db();
        Assert.Equal(3, await check.Outbox.CountAsync(m => m.DispatchedAt != null && m.Attempts == 2));
        await StopBusAsync(node);
    }

    /// <summary>A claim as a relay that crashed after claiming, before sending, leaves it.</summary>
    private async Task SetLeaseAsync(Guid relay, DateTimeOffset until)
    {
        await using var db = Db();
        await db.Outbox.ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedBy, relay).SetProperty(m => m.LockedUntil, until).SetProperty(m => m.Attempts, 1));
    }

    private static async Task DrainAsync(OutboxRelay relay)
    {
        while (await relay.RelayBatchAsync(CancellationToken.None) > 0) { }
    }

    private async Task StageAsync(int count)
    {
        await using var db = Db();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < count; i++)
        {
            db.Send(Queue, new HandOffCase(Guid.NewGuid(), Guid.NewGuid(), $"T{i}", "Forward", "dongmen", "hexi", "BackOffice", now), now);
        }

        await db.SaveChangesAsync();
    }

    // The hosted services are not started: the test drives the relays itself, so only the claim decides who sends what.
    private static Task StartBusAsync(IHost node) => node.Services.GetRequiredService<IBusControl>().StartAsync();

    private static Task StopBusAsync(IHost node) => node.Services.GetRequiredService<IBusControl>().StopAsync();

    private static OutboxRelay Relay(IHost node) => node.Services.GetServices<IHostedService>().OfType<OutboxRelay>().Single();

    private IHost Node()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:Tongban"] = _connectionString,
            ["Outbox:BatchSize"] = "25",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddWorkflowRuntime(builder.Configuration);
        builder.Services.AddSingleton(_received);
        builder.Services.AddTongbanBus(
            builder.Configuration,
            bus => bus.AddConsumer<ReceivedConsumer>(),
            (context, cfg, defaults) => cfg.ReceiveEndpoint(Queue, e =>
            {
                defaults(e);
                e.ConfigureConsumer<ReceivedConsumer>(context);
            }));
        return builder.Build();
    }

    private TongbanDbContext Db() => Context(provider, _connectionString);

    private static TongbanDbContext Context(string provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<TongbanDbContext>();
        options.Use(provider, connectionString);
        return new(options.Options);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the relayed messages did not all arrive");
            await Task.Delay(50);
        }
    }

    /// <summary>Every MessageId that arrived, across both nodes' buses.</summary>
    public sealed class Received
    {
        private readonly ConcurrentQueue<Guid> _ids = new();

        public int Count => _ids.Count;

        public IEnumerable<Guid> Ids => _ids;

        public void Add(Guid id) => _ids.Enqueue(id);
    }

    public sealed class ReceivedConsumer(Received received) : IConsumer<HandOffCase>
    {
        public Task Consume(ConsumeContext<HandOffCase> context)
        {
            received.Add(context.MessageId!.Value);
            return Task.CompletedTask;
        }
    }
}

/// <summary>On PostgreSQL.</summary>
public sealed class OutboxRelayClaimTests() : OutboxRelayClaimTestsBase("Postgres")
{
    [Fact]
    public Task Two_relays_on_one_database_claim_and_send_each_row_once() => Two_relays_on_one_database_claim_and_send_each_row_onceAsync();

    [Fact]
    public Task A_claim_left_by_a_crashed_relay_is_taken_over_after_its_lease() => A_claim_left_by_a_crashed_relay_is_taken_over_after_its_leaseAsync();
}

/// <summary>On SQL Server, when TONGBAN_TEST_SQLSERVER names one.</summary>
public sealed class OutboxRelayClaimSqlServerTests() : OutboxRelayClaimTestsBase("SqlServer")
{
    [SqlServerFact]
    public Task Two_relays_on_one_database_claim_and_send_each_row_once() => Two_relays_on_one_database_claim_and_send_each_row_onceAsync();

    [SqlServerFact]
    public Task A_claim_left_by_a_crashed_relay_is_taken_over_after_its_lease() => A_claim_left_by_a_crashed_relay_is_taken_over_after_its_leaseAsync();
}
