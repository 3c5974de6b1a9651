using System.Diagnostics;

namespace Tongban.Workflows.Runtime.Telemetry;

/// <summary>
/// The engine's activity source. Tags carry case ids, actions and jurisdictions only: never names,
/// ID numbers, phones or health details.
/// </summary>
public static class TongbanTelemetry
{
    public const string SourceName = "Tongban.Workflows";
    public static readonly ActivitySource Source = new(SourceName);
}
