using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Tongban.Workflows.Runtime.Telemetry;

namespace Tongban.Hosting;

public static class TelemetryExtensions
{
    /// <summary>
    /// Traces to OTLP when <c>Otel:Endpoint</c> is set. MassTransit carries the trace context in message headers
    /// and the outbox keeps it across the commit, so one case's hand-offs are one trace across processes.
    /// </summary>
    public static IServiceCollection AddTongbanTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        var endpoint = configuration["Otel:Endpoint"];
        if (string.IsNullOrWhiteSpace(endpoint)) return services;

        var protocol = configuration["Otel:Protocol"] == "grpc" ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
        var tracerProvider = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService(serviceName, serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
            .AddSource(TongbanTelemetry.SourceName, "MassTransit", "Microsoft.AspNetCore")
            .AddOtlpExporter(o =>
            {
                o.Protocol = protocol;
                o.Endpoint = new Uri(protocol == OtlpExportProtocol.HttpProtobuf ? endpoint.TrimEnd('/') + "/v1/traces" : endpoint);
            })
            .Build();
        services.AddSingleton(new TracerProviderLifetime(tracerProvider));
        services.AddHostedService(sp => sp.GetRequiredService<TracerProviderLifetime>());
        return services;
    }

    /// <summary>
    /// Without OpenTelemetry.Extensions.Hosting (not available here) nothing flushes the provider on shutdown.
    /// Stop can run twice under a test host, so disposal is idempotent.
    /// </summary>
    private sealed class TracerProviderLifetime(TracerProvider provider) : IHostedService, IDisposable
    {
        private int _disposed;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            Dispose();
            return Task.CompletedTask;
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                provider.ForceFlush(5000);
                provider.Dispose();
            }
        }
    }
}
