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
                    bus.UsingInMemory((context, cfg) => configureEndpoints(context, cfg, e => Defaults(e, retryIntervals)));
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
                            Defaults(e, retryIntervals);
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

    private static void Defaults(IReceiveEndpointConfigurator endpoint, int[] retryIntervals)
    {
        // Concurrency conflicts and lost races on the inbox key are transient; a fresh scope per attempt re-reads.
        // After the last attempt MassTransit publishes Fault<T>, which the bureau records as a dead letter.
        endpoint.UseMessageRetry(r => r.Intervals(retryIntervals));
        endpoint.PrefetchCount = 32;
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
