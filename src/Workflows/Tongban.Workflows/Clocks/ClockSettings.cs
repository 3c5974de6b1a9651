using Tongban.Workflows.Calendars;

namespace Tongban.Workflows.Clocks;

/// <summary>What planning a period needs: the county's working-day calendar and its warning thresholds.</summary>
public sealed record ClockSettings(DeadlineCalculator Calendar, WarningThresholds Thresholds);
