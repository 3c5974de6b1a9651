using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tongban.Workflows.Runtime.Messaging;

namespace Tongban.Workflows.Runtime.Hosting;

public sealed class RabbitMqOptions
{
    public string Host { get; set; } = "127.0.0.1";
    public ushort Port { get; set; } = 5672;
    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "guest";
    public string Password { get; set; } = "guest";

    /// <summary>Quorum queues for a RabbitMQ cluster; classic durable queues on a single broker.</summary>
    public bool QuorumQueues { get; set; }
}

/// <summary>Transport names accepted in <c>Bus:Transport</c>.</summary>
public static class Transports
{
    public const string InMemory = "InMemory";
    public const string RabbitMq = "RabbitMq";
}

/// <summary>How a node's receive endpoints are set up, given the transport's defaults for each endpoint.</summary>
public delegate void ConfigureNodeEndpoints(IBusRegistrationContext context, IReceiveConfigurator configurator, Action<IReceiveEndpointConfigurator> endpointDefaults);

public static class BusExtensions
{
    /// <summary>
    /// MassTransit over RabbitMQ (distributed) or in memory (embedded), plus the outbox relay every process runs.
    /// The consumers and their endpoints come from the caller (the jurisdiction services); the engine consumes nothing.
    /// </summary>
    public static IServiceCollection AddTongbanBus(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<IBusRegistrationConfigurator> registerConsumers,
        ConfigureNodeEndpoints configureEndpoints)
    {
        var transport = configuration["Bus:Transport"] ?? Transports.InMemory;
        var rabbit = configuration.GetSection("RabbitMq").Get<RabbitMqOptions>() ?? new RabbitMqOptions();
        var retryIntervals = RetryIntervals(configuration["Bus:RetryIntervals"]);
        var concurrency = configuration.GetValue("Bus:ConcurrentMessageLimit", DefaultConcurrentMessageLimit);
        if (concurrency < 1) throw new InvalidOperationException($"Bus:ConcurrentMessageLimit {concurrency} must be at least 1.");

        // Publishing before the bus has bound its queues loses messages (see STACK.md).
        services.AddOptions<MassTransitHostOptions>().Configure(o =>
        {
            o.WaitUntilStarted = true;
            o.StopTimeout = TimeSpan.FromSeconds(10);
        });
        services.AddMassTransit(bus =>
        {
            // MassTransit 8.4 reports usage to the internet by default; government intranets have none, and
            // nothing about a county's deployment should leave it.
            bus.ConfigureUsageTelemetryOptions(o => o.Enabled = false);
            registerConsumers(bus);
            switch (transport)
            {
                case Transports.InMemory:
                    bus.UsingInMemory((context, cfg) => configureEndpoints(context, cfg, e => Defaults(e, retryIntervals, concurrency)));
                    break;
                case Transports.RabbitMq:
                    bus.UsingRabbitMq((context, cfg) =>
                    {
                        cfg.Host(rabbit.Host, rabbit.Port, rabbit.VirtualHost, h =>
                        {
                            h.Username(rabbit.Username);
                            h.Password(rabbit.Password);
                        });
                        configureEndpoints(context, cfg, e =>
                        {
                            Defaults(e, retryIntervals, concurrency);
                            if (e is IRabbitMqReceiveEndpointConfigurator r && rabbit.QuorumQueues) r.SetQuorumQueue();
                        });
                    });
                    break;
                default:
                    throw new InvalidOperationException($"Bus:Transport '{transport}' is not supported (use {Transports.InMemory} or {Transports.RabbitMq}).");
            }
        });

        services.AddHostedService<OutboxRelay>();
        if (transport == Transports.InMemory)
        {
            // The in-memory transport forgets everything on a crash; replaying recent rows restores in-flight hand-offs.
            services.PostConfigure<OutboxOptions>(o => o.ReplayOnStart = o.ReplayOnStart == TimeSpan.Zero ? TimeSpan.FromDays(1) : o.ReplayOnStart);
        }

        return services;
    }

    /// <summary>Milliseconds between redelivery attempts in a consumer, before the message is dead-lettered.</summary>
    public const string DefaultRetryIntervals = "50,200,1000,3000,5000";

    /// <summary>
    /// Messages a queue's consumer works on at once: two per core. A node consumes several queues (one per community or
    /// township); with MassTransit's default (the prefetch, 32 per queue) a burst had a hundred hand-offs in flight in
    /// one node, each with its scope, context and connection, the thread pool injecting threads, and the node's resident
    /// memory jumping past 300 MB; two cores do not finish them any sooner (docs/benchmarks-history.md).
    /// </summary>
    public static readonly int DefaultConcurrentMessageLimit = 2 * Environment.ProcessorCount;

    private static void Defaults(IReceiveEndpointConfigurator endpoint, int[] retryIntervals, int concurrency)
    {
        // Concurrency conflicts and lost races on the inbox key are transient; a fresh scope per attempt re-reads.
        // After the last attempt MassTransit publishes Fault<T>, which the bureau records as a dead letter.
        endpoint.UseMessageRetry(r => r.Intervals(retryIntervals));
        endpoint.ConcurrentMessageLimit = concurrency;
        endpoint.PrefetchCount = 2 * concurrency;
    }

    /// <summary><c>Bus:RetryIntervals</c>: comma-separated milliseconds, e.g. "50,200,1000,3000,5000".</summary>
    private static int[] RetryIntervals(string? setting)
    {
        var text = string.IsNullOrWhiteSpace(setting) ? DefaultRetryIntervals : setting;
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Select(p => int.TryParse(p, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ms)
            ? ms
            : throw new InvalidOperationException($"Bus:RetryIntervals '{text}' is not a comma-separated list of milliseconds.")).ToArray();
    }
}
