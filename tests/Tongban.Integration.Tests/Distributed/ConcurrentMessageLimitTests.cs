using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tongban.Workflows.Runtime.Hosting;
using Tongban.Workflows.Runtime.Messaging;

namespace Tongban.Integration.Tests.Distributed;

/// <summary>
/// <c>Bus:ConcurrentMessageLimit</c> bounds how many messages a node works on at once per queue, on real RabbitMQ: with
/// MassTransit's default a burst put a hundred hand-offs in flight in one node and its memory past 300 MB. A dozen
/// slow messages on one queue are worked at most the configured number at a time, and all of them are worked.
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
        builder.Services.AddTongbanBus(builder.Configuration, bus => bus.AddConsumer<SlowConsumer>(), (context, cfg, defaults) =>
            cfg.ReceiveEndpoint("concurrency-test", e =>
            {
                defaults(e);
                e.ConfigureConsumer<SlowConsumer>(context);
            }));
        // Only the bus is under test: the outbox relay needs the engine's database.
        builder.Services.Remove(builder.Services.Single(d => d.ImplementationType == typeof(OutboxRelay)));
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var endpoint = await host.Services.GetRequiredService<IBus>().GetSendEndpoint(new Uri("queue:concurrency-test"));
            for (var i = 0; i < messages; i++) await endpoint.Send(new Ping(i));

            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (probe.Done < messages && DateTime.UtcNow < deadline) await Task.Delay(50);

            Assert.Equal(messages, probe.Done);
            Assert.Equal(limit, probe.MostAtOnce);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    public sealed record Ping(int N);

    public sealed class Probe
    {
        private int _atOnce;
        private int _mostAtOnce;
        private int _done;

        public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

        public int Done => Volatile.Read(ref _done);

        public async Task WorkAsync()
        {
            var now = Interlocked.Increment(ref _atOnce);
            int most;
            while (now > (most = Volatile.Read(ref _mostAtOnce)) && Interlocked.CompareExchange(ref _mostAtOnce, now, most) != most)
            {
            }

            // Long enough for every message the consumer is allowed to take to be taken meanwhile.
            await Task.Delay(300);
            Interlocked.Decrement(ref _atOnce);
            Interlocked.Increment(ref _done);
        }
    }

    public sealed class SlowConsumer(Probe probe) : IConsumer<Ping>
    {
        public Task Consume(ConsumeContext<Ping> context) => probe.WorkAsync();
    }
}
