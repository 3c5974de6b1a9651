using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Tongban.Workflows.Runtime.Telemetry;

namespace Tongban.Hosting;

public static class TelemetryExtensions
{
    /// <summary>
    /// Traces, metrics and logs to OTLP when <c>Otel:Endpoint</c> is set (OpenTelemetry.Extensions.Hosting starts
    /// the providers with the host and flushes them when it stops). MassTransit carries the trace context in message
    /// headers and the outbox keeps it across the commit, so one case's hand-offs are one trace across processes.
    /// Nothing personal leaves: engine tags and labels are ids, codes and actions; request spans lose their query
    /// string (a filter may carry an ID number); log records carry the message template and its arguments, which
    /// the engine keeps to ids, as on the console.
    /// </summary>
    public static TBuilder AddTongbanTelemetry<TBuilder>(this TBuilder builder, string serviceName) where TBuilder : IHostApplicationBuilder
    {
        var endpoint = builder.Configuration["Otel:Endpoint"];
        if (string.IsNullOrWhiteSpace(endpoint)) return builder;

        var protocol = builder.Configuration["Otel:Protocol"] == "grpc" ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName, serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
            .WithTracing(t => t
                .AddSource(TongbanTelemetry.SourceName, "MassTransit")
                .AddAspNetCoreInstrumentation(o =>
                {
                    o.Filter = http => !IsHealthProbe(http.Request.Path);
                    o.EnrichWithHttpRequest = (activity, _) => DropQuery(activity);
                })
                .AddHttpClientInstrumentation(o => o.EnrichWithHttpRequestMessage = (activity, request) => DropQuery(activity, request.RequestUri))
                .AddNpgsql())
            .WithMetrics(m => m
                .AddMeter(EngineMetrics.MeterName, "MassTransit")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation())
            .WithLogging(configureBuilder: null, configureOptions: o =>
            {
                // The formatted message would repeat the arguments; the template and the arguments are enough.
                o.IncludeFormattedMessage = false;
                o.IncludeScopes = false;
            })
            .UseOtlpExporter(protocol, new Uri(endpoint));
        return builder;
    }

    private static bool IsHealthProbe(PathString path) => path.StartsWithSegments("/health");

    /// <summary>A query string may hold personal data (an ID number typed into a filter): spans keep the path only.</summary>
    private static void DropQuery(Activity activity, Uri? uri = null)
    {
        activity.SetTag("url.query", null);
        if (uri is { IsAbsoluteUri: true }) activity.SetTag("url.full", uri.GetLeftPart(UriPartial.Path));
    }
}
