using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tongban.Workflows.Runtime.Hosting;
using Tongban.Workflows.Runtime.Messaging;

namespace Tongban.Integration.Tests.Distributed;

/// <summary>
/// <c>Bus:ConcurrentMessageLimit</c> bounds how many messages a node works on at once per queue, on real RabbitMQ: with
/// MassTransit's default a burst put a hundred hand-offs in flight in one node and its memory past 300 MB. Of a dozen
/// messages on one queue whose consumers wait at a gate, exactly the configured number are taken at once; opened, all
/// of them are worked, never more at once.
/// </summary>
public sealed class ConcurrentMessageLimitTests : IAsyncLifetime
{
    private readonly string _vhost = $"limit-{Guid.NewGuid():N}"[..20];

    public Task InitializeAsync() => Substrate.CreateVirtualHostAsync(_vhost);

    public Task DisposeAsync() => Substrate.DeleteVirtualHostAsync(_vhost);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task A_queue_is_worked_at_most_the_configured_number_of_messages_at_once(int limit)
    {
        const int messages = 12;
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(Substrate.RabbitMqSettings(_vhost)
            .Select(s => new KeyValuePair<string, string?>(s.Key.Replace("__", ":", StringComparison.Ordinal), s.Value))
            .Append(new("Bus:ConcurrentMessageLimit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        var probe = new Probe();
        builder.Services.AddSingleton(probe);
        builder.Services.AddTongbanBus(builder.Configuration, bus => bus.AddConsumer<GatedConsumer>(), (context, cfg, defaults) =>
            cfg.ReceiveEndpoint("concurrency-test", e =>
            {
                defaults(e);
                e.ConfigureConsumer<GatedConsumer>(context);
            }));
        // Only the bus is under test: the outbox relay needs the engine's database.
        builder.Services.Remove(builder.Services.Single(d => d.ImplementationType == typeof(OutboxRelay)));
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var endpoint = await host.Services.GetRequiredService<IBus>().GetSendEndpoint(new Uri("queue:concurrency-test"));
            for (var i = 0; i < messages; i++) await endpoint.Send(new Ping(i));

            // The consumers wait at the gate: as many as the limit lets in are in; give more the chance to come.
            await WaitUntilAsync(() => probe.MostAtOnce >= limit);
            await Task.Delay(500);
            Assert.Equal(limit, probe.MostAtOnce);

            probe.Open();
            await WaitUntilAsync(() => probe.Done == messages);
            Assert.Equal(messages, probe.Done);
            Assert.Equal(limit, probe.MostAtOnce);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition() && DateTime.UtcNow < deadline) await Task.Delay(20);
    }

    public sealed record Ping(int N);

    public sealed class Probe
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _atOnce;
        private int _mostAtOnce;
        private int _done;

        public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

        public int Done => Volatile.Read(ref _done);

        /// <summary>Lets the waiting consumers finish (and every later one pass straight through).</summary>
        public void Open() => _gate.TrySetResult();

        public async Task WorkAsync()
        {
            var now = Interlocked.Increment(ref _atOnce);
            int most;
            while (now > (most = Volatile.Read(ref _mostAtOnce)) && Interlocked.CompareExchange(ref _mostAtOnce, now, most) != most)
            {
            }

            await _gate.Task;
            Interlocked.Decrement(ref _atOnce);
            Interlocked.Increment(ref _done);
        }
    }

    public sealed class GatedConsumer(Probe probe) : IConsumer<Ping>
    {
        public Task Consume(ConsumeContext<Ping> context) => probe.WorkAsync();
    }
}
