using Tongban.Workflows.Clocks;

namespace Tongban.Workflows.Runtime.Clocks;

/// <summary>Configuration section <c>TimeLimits</c>: the county's time zone, office hours and warning thresholds.</summary>
public sealed class TimeLimitOptions
{
    /// <summary>IANA id of the county's time zone; every working day is counted in it.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>When set (e.g. "17:30"), a period ends at the office's closing time instead of the end of the day.</summary>
    public TimeOnly? ClosingTime { get; set; }

    /// <summary>Yellow when no more than this many working days are left…</summary>
    public int YellowWorkingDaysLeft { get; set; } = 1;

    /// <summary>…or when this share of the period is used, whichever comes first.</summary>
    public double YellowFractionUsed { get; set; } = 2.0 / 3.0;

    /// <summary>Working days after supervision opens before a still-open item is escalated (通报, local practice).</summary>
    public int EscalateAfterWorkingDays { get; set; } = 5;

    /// <summary>Default working days for a 容缺受理 promise when the clerk does not give one.</summary>
    public int DefaultPromiseWorkingDays { get; set; } = 5;

    /// <summary>How often each node's sweeper looks for due timers.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>SQLite only: how long a node's claim on a batch keeps other nodes off it (PostgreSQL uses row locks).</summary>
    public TimeSpan SweepLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Batches each node fires concurrently on PostgreSQL (SQLite: always one).</summary>
    public int SweepWorkers { get; set; } = 2;

    /// <summary>Timers fired per transaction.</summary>
    public int SweepBatchSize { get; set; } = 500;

    /// <summary>差评整改: working days to contact the resident after a bad rating (local practice: 1)…</summary>
    public int RectificationContactWorkingDays { get; set; } = 1;

    /// <summary>…and to rectify (15).</summary>
    public int RectificationWorkingDays { get; set; } = 15;

    public WarningThresholds Thresholds => new(YellowWorkingDaysLeft, YellowFractionUsed);
}
