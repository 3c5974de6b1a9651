using System.Text;

namespace Tongban.Integration.Tests.Infrastructure;

/// <summary>One data point of a metric: a counter's or gauge's value, or a histogram's count and sum.</summary>
public sealed record ReceivedMetricPoint(string Service, string Metric, string Kind, IReadOnlyDictionary<string, string?> Labels, double Value, long Count, double Sum);

/// <summary>One log record: its body (the message template) and its attributes (the template's arguments).</summary>
public sealed record ReceivedLog(string Service, string Severity, string Body, IReadOnlyDictionary<string, string?> Attributes);

/// <summary>ExportMetricsServiceRequest → ResourceMetrics(1) → ScopeMetrics(2) → Metric(2) {name 1; gauge 5, sum 7, histogram 9 → data_points 1}.</summary>
internal static class OtlpMetrics
{
    public static IEnumerable<ReceivedMetricPoint> Decode(byte[] request)
    {
        foreach (var resourceMetrics in Protobuf.Fields(request).Where(f => f.Number == 1))
        {
            var fields = Protobuf.Fields(resourceMetrics.Bytes).ToList();
            var service = OtlpReceiver.ServiceOf(fields);
            foreach (var scopeMetrics in fields.Where(f => f.Number == 2))
            {
                foreach (var metric in Protobuf.Fields(scopeMetrics.Bytes).Where(f => f.Number == 2))
                {
                    var m = Protobuf.Fields(metric.Bytes).ToList();
                    var name = Encoding.UTF8.GetString(m.FirstOrDefault(f => f.Number == 1).Bytes ?? []);
                    foreach (var (kind, number) in new[] { ("gauge", 5), ("sum", 7), ("histogram", 9) })
                    {
                        foreach (var data in m.Where(f => f.Number == number))
                        {
                            foreach (var point in Protobuf.Fields(data.Bytes).Where(f => f.Number == 1))
                            {
                                yield return kind == "histogram" ? Histogram(service, name, point.Bytes) : Number(service, name, kind, point.Bytes);
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>NumberDataPoint { as_double 4; as_int 6; attributes 7 }.</summary>
    private static ReceivedMetricPoint Number(string service, string name, string kind, byte[]? point)
    {
        var p = Protobuf.Fields(point).ToList();
        var value = p.Any(f => f.Number == 4) ? Protobuf.Double(p.First(f => f.Number == 4).Bytes) : Protobuf.Int64(p.FirstOrDefault(f => f.Number == 6).Bytes);
        return new(service, name, kind, Labels(point, 7), value, 0, 0);
    }

    /// <summary>HistogramDataPoint { count 4; sum 5; attributes 9 }.</summary>
    private static ReceivedMetricPoint Histogram(string service, string name, byte[]? point)
    {
        var p = Protobuf.Fields(point).ToList();
        return new(service, name, "histogram", Labels(point, 9), 0, Protobuf.Int64(p.FirstOrDefault(f => f.Number == 4).Bytes), Protobuf.Double(p.FirstOrDefault(f => f.Number == 5).Bytes));
    }

    private static Dictionary<string, string?> Labels(byte[]? point, int field) =>
        OtlpReceiver.Attributes(point, field).GroupBy(a => a.Key).ToDictionary(g => g.Key, g => g.First().Value);
}

/// <summary>ExportLogsServiceRequest → ResourceLogs(1) → ScopeLogs(2) → LogRecord(2) {severity_text 3; body 5; attributes 6}.</summary>
internal static class OtlpLogs
{
    public static IEnumerable<ReceivedLog> Decode(byte[] request)
    {
        foreach (var resourceLogs in Protobuf.Fields(request).Where(f => f.Number == 1))
        {
            var fields = Protobuf.Fields(resourceLogs.Bytes).ToList();
            var service = OtlpReceiver.ServiceOf(fields);
            foreach (var scopeLogs in fields.Where(f => f.Number == 2))
            {
                foreach (var record in Protobuf.Fields(scopeLogs.Bytes).Where(f => f.Number == 2))
                {
                    var r = Protobuf.Fields(record.Bytes).ToList();
                    var body = r.FirstOrDefault(f => f.Number == 5).Bytes is { } any
                        ? Protobuf.Fields(any).Where(v => v.Number == 1).Select(v => Encoding.UTF8.GetString(v.Bytes!)).FirstOrDefault() ?? ""
                        : "";
                    yield return new ReceivedLog(
                        service,
                        Encoding.UTF8.GetString(r.FirstOrDefault(f => f.Number == 3).Bytes ?? []),
                        body,
                        OtlpReceiver.Attributes(record.Bytes, 6).GroupBy(a => a.Key).ToDictionary(g => g.Key, g => g.First().Value));
                }
            }
        }
    }
}
