namespace Tongban.Load.Driving;

/// <summary>What load to offer.</summary>
public sealed record LoadOptions
{
    /// <summary>New cases per second taken in at the windows (spread over the four communities).</summary>
    public double Rate { get; init; } = 20;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The first part of <see cref="Duration"/> whose work no figure counts: CPU, transitions, completions, API
    /// latencies, refusals and hand-off latencies are measured from its end (the processes compile and fill their
    /// caches and pools meanwhile). Zero: CPU and API latencies from the start, throughput and hand-offs after the
    /// first fifth (at most 10 s).
    /// </summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.Zero;

    /// <summary>Share of cases the township returns once for correction (补正) before accepting.</summary>
    public double CorrectionShare { get; init; } = 0.2;

    /// <summary>
    /// Items to draw from, uniformly: the cross-jurisdiction items of the demo catalogue and the parallel ones
    /// (并联办理: the township leads, 县残联 gives its opinion in a branch, <see cref="LoadDriver.ParallelItems"/>).
    /// </summary>
    public IReadOnlyList<string> Items { get; init; } = ["QS-MZ-001", "QS-MZ-002", "QS-MZ-003", "QS-RS-001", "QS-RS-004", "QS-RS-005", "QS-YB-001", "QS-YB-002", "QS-CL-001", "QS-WJ-001", "QS-CL-002", "QS-CL-003", "QS-CL-004"];

    /// <summary>How long to wait, after the last intake, for every case to be archived.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>How often each post looks at its work queue (as a clerk refreshes it).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a request is retried across a failed process or connection before it counts as failed.</summary>
    public TimeSpan RetryFor { get; init; } = TimeSpan.FromSeconds(120);

    public int Seed { get; init; } = 20261121;
}
