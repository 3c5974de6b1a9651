using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Tongban.Testing;

namespace Tongban.Integration.Tests.Infrastructure;

/// <summary>
/// An OTLP/HTTP (protobuf) receiver on loopback: what an OpenTelemetry collector would get from the processes.
/// It keeps every raw export (to search for personal data) and decodes spans, metric points and log records.
/// </summary>
public sealed class OtlpReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<byte[]> _payloads = new();
    private readonly ConcurrentQueue<ReceivedSpan> _spans = new();
    private readonly ConcurrentQueue<ReceivedMetricPoint> _metrics = new();
    private readonly ConcurrentQueue<ReceivedLog> _logs = new();

    public OtlpReceiver()
    {
        Port = Ports.Free();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Endpoint => $"http://127.0.0.1:{Port}";

    public IReadOnlyCollection<ReceivedSpan> Spans => _spans;

    /// <summary>Every data point of every metric export (cumulative: a later export repeats and extends an earlier one).</summary>
    public IReadOnlyCollection<ReceivedMetricPoint> Metrics => _metrics;

    public IReadOnlyCollection<ReceivedLog> Logs => _logs;

    public IReadOnlyCollection<byte[]> Payloads => _payloads;

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) when (!_listener.IsListening) { return; }
            catch (HttpListenerException) { return; }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var bytes = body.ToArray();
            _payloads.Enqueue(bytes);
            switch (context.Request.Url?.AbsolutePath)
            {
                case "/v1/metrics":
                    foreach (var point in OtlpMetrics.Decode(bytes)) _metrics.Enqueue(point);
                    break;
                case "/v1/logs":
                    foreach (var log in OtlpLogs.Decode(bytes)) _logs.Enqueue(log);
                    break;
                default:
                    foreach (var span in Decode(bytes)) _spans.Enqueue(span);
                    break;
            }

            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    public void Dispose() => _listener.Close();

    /// <summary>The resource's service.name (Resource = 1 in every Resource{Spans,Metrics,Logs}).</summary>
    internal static string ServiceOf(List<Protobuf.Field> resourceFields) =>
        resourceFields.Where(f => f.Number == 1).SelectMany(r => Attributes(r.Bytes, 1)).FirstOrDefault(a => a.Key == "service.name").Value ?? "";

    /// <summary>ExportTraceServiceRequest → ResourceSpans(1) → {Resource(1) → attributes(1), ScopeSpans(2) → spans(2)}.</summary>
    private static IEnumerable<ReceivedSpan> Decode(byte[] request)
    {
        foreach (var resourceSpans in Protobuf.Fields(request).Where(f => f.Number == 1))
        {
            var fields = Protobuf.Fields(resourceSpans.Bytes).ToList();
            var service = fields.Where(f => f.Number == 1).SelectMany(r => Attributes(r.Bytes, 1)).FirstOrDefault(a => a.Key == "service.name").Value ?? "";
            foreach (var scopeSpans in fields.Where(f => f.Number == 2))
            {
                foreach (var span in Protobuf.Fields(scopeSpans.Bytes).Where(f => f.Number == 2))
                {
                    var s = Protobuf.Fields(span.Bytes).ToList();
                    string Hex(int n) => Convert.ToHexString(s.FirstOrDefault(f => f.Number == n).Bytes ?? []).ToLowerInvariant();
                    yield return new ReceivedSpan(
                        service,
                        Hex(1),
                        Hex(2),
                        Hex(4),
                        Encoding.UTF8.GetString(s.FirstOrDefault(f => f.Number == 5).Bytes ?? []),
                        Attributes(span.Bytes, 9).ToDictionary(a => a.Key, a => a.Value));
                }
            }
        }
    }

    /// <summary>KeyValue { key = 1; AnyValue value = 2 { string_value = 1 } } (other value kinds left as null).</summary>
    internal static IEnumerable<KeyValuePair<string, string?>> Attributes(byte[]? message, int fieldNumber) =>
        Protobuf.Fields(message).Where(f => f.Number == fieldNumber).Select(kv =>
        {
            var parts = Protobuf.Fields(kv.Bytes).ToList();
            var key = Encoding.UTF8.GetString(parts.First(p => p.Number == 1).Bytes!);
            var value = parts.FirstOrDefault(p => p.Number == 2).Bytes is { } any
                ? Protobuf.Fields(any).Where(v => v.Number == 1).Select(v => Encoding.UTF8.GetString(v.Bytes!)).FirstOrDefault()
                : null;
            return new KeyValuePair<string, string?>(key, value);
        });
}

public sealed record ReceivedSpan(string Service, string TraceId, string SpanId, string ParentSpanId, string Name, IReadOnlyDictionary<string, string?> Attributes);

/// <summary>Just enough of the protobuf wire format to walk OTLP messages.</summary>
internal static class Protobuf
{
    public readonly record struct Field(int Number, byte[]? Bytes);

    public static IEnumerable<Field> Fields(byte[]? data)
    {
        var position = 0;
        while (data is not null && position < data.Length)
        {
            var tag = ReadVarint(data, ref position);
            var number = (int)(tag >> 3);
            switch (tag & 7)
            {
                case 0: ReadVarint(data, ref position); yield return new Field(number, null); break;
                case 1: yield return new Field(number, data[position..(position + 8)]); position += 8; break;
                case 5: position += 4; yield return new Field(number, null); break;
                case 2:
                    var length = (int)ReadVarint(data, ref position);
                    yield return new Field(number, data[position..(position + length)]);
                    position += length;
                    break;
                default: throw new FormatException($"unsupported wire type {tag & 7}");
            }
        }
    }

    /// <summary>A fixed64 field's value as a double (OTLP's as_double, sum) or a signed integer (as_int, count).</summary>
    public static double Double(byte[]? bytes) => bytes is { Length: 8 } ? BitConverter.ToDouble(bytes) : 0;

    public static long Int64(byte[]? bytes) => bytes is { Length: 8 } ? BitConverter.ToInt64(bytes) : 0;

    private static ulong ReadVarint(byte[] data, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
    }
}
